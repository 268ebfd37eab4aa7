import { describe, test, expect, afterEach } from '@jest/globals'
import { join } from 'node:path'
import { startEmulator } from '../../emulator/server.mjs'
import {
  REPOSITORY_ROOT,
  USERS,
  annotations,
  endpoints,
  expectSafeRun,
  failures,
  inputs,
  nodes,
  runAction
} from './harness.mjs'

const PROJECT_ID = 1001
const MOMENTUM = join(REPOSITORY_ROOT, 'examples/python-momentum')
const PROJECT_PATH = { 'project-path': 'examples/python-momentum' }

/** @type {Awaited<ReturnType<typeof startEmulator>> | undefined} */
let emulator

afterEach(async () => {
  await emulator?.close()
  emulator = undefined
})

/** @param {Parameters<typeof startEmulator>[0]} [options] */
async function start(options = {}) {
  emulator = await startEmulator({
    projects: [{ id: PROJECT_ID, folder: MOMENTUM }],
    users: USERS,
    compileSeconds: 0.3,
    ...options
  })
  return emulator
}

describe.each(nodes())('$name runs the bundle with', ({ path: node }) => {
  test('a wrong api-token: one credentials failure, no compile', async () => {
    const emulator = await start()
    const token = 'not-the-right-token-9d41c07e'
    const run = await runAction({
      node,
      inputs: inputs(emulator, PROJECT_ID, {
        ...PROJECT_PATH,
        'api-token': token
      })
    })

    expectSafeRun(run, emulator, { token, refused: ['compile/create #1: 200'] })
    expect(run.code).toBe(1)
    // Refused credentials are final: no retry, no compile to read.
    expect(endpoints(emulator.requests)).toEqual(['compile/create'])
    expect(run.stdout).not.toContain('Trying again')
    const [failure, ...more] = failures(run)
    expect(more).toEqual([])
    expect(failure).toMatch(/^QuantConnect rejected the credentials/)
    expect(failure).toContain('api-token')
    expect(annotations(run)).toEqual([])
    expect(run.outputs).toEqual({})
    expect(run.summary).toContain('not completed')
  })

  test('a runner clock 3 h off: HTTP 401 that names the clock', async () => {
    const emulator = await start({ clockSkewSeconds: 3 * 60 * 60 })
    const run = await runAction({
      node,
      inputs: inputs(emulator, PROJECT_ID, PROJECT_PATH)
    })

    expectSafeRun(run, emulator, { refused: ['compile/create #1: 401'] })
    expect(run.code).toBe(1)
    expect(endpoints(emulator.requests)).toEqual(['compile/create'])
    const [failure, ...more] = failures(run)
    expect(more).toEqual([])
    expect(failure).toContain('HTTP 401')
    expect(failure).toMatch(/runner clock/)
    expect(run.outputs).toEqual({})
  })

  test('a compile that never finishes: red at timeout-seconds', async () => {
    const emulator = await start({
      projects: [
        {
          id: PROJECT_ID,
          folder: MOMENTUM,
          scenario: { compile: { state: 'InQueue' } }
        }
      ]
    })
    const run = await runAction({
      node,
      inputs: inputs(emulator, PROJECT_ID, {
        ...PROJECT_PATH,
        'timeout-seconds': '3'
      })
    })

    expectSafeRun(run, emulator)
    expect(run.code).toBe(1)
    expect(run.durationMs).toBeLessThan(5000)
    const compileId = run.outputs['compile-id']
    expect(compileId).toMatch(/^[0-9a-f]{32}-[0-9a-f]{32}$/)
    expect(run.outputs.state).toBe('InQueue')
    const [failure, ...more] = failures(run)
    expect(more).toEqual([])
    expect(failure).toContain(`Compile ${compileId} of project ${PROJECT_ID}`)
    expect(failure).toContain('still InQueue')
    expect(failure).toContain('timeout-seconds (3)')
    const reads = endpoints(emulator.requests).filter(
      (e) => e === 'compile/read'
    )
    expect(reads.length).toBeGreaterThan(0)
  })
})
