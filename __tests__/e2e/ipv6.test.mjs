import { afterEach, expect, test } from '@jest/globals'
import { join } from 'node:path'
import { startEmulator } from '../../emulator/server.mjs'
import {
  REPOSITORY_ROOT,
  USERS,
  expectSafeRun,
  inputs,
  nodes,
  runAction
} from './harness.mjs'

let emulator

afterEach(async () => {
  await emulator?.close()
})

test('base-url on the IPv6 loopback [::1] works over http', async () => {
  emulator = await startEmulator({
    projects: [
      { id: 1001, folder: join(REPOSITORY_ROOT, 'examples/python-momentum') }
    ],
    users: USERS,
    compileSeconds: 0.2,
    host: '::1'
  })
  const url = `http://[::1]:${emulator.port}/api/v2`

  const run = await runAction({
    node: nodes()[1]?.path ?? '',
    inputs: inputs({ url }, 1001, {
      'project-path': 'examples/python-momentum'
    })
  })

  expectSafeRun(run, emulator)
  expect(run.code).toBe(0)
  expect(run.outputs.state).toBe('BuildSuccess')
})
