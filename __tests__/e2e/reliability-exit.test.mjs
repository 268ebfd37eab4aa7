/**
 * Reliability, part 5: once the verdict is set the process ends by itself
 * at once; no kept-alive socket or pending timer holds the job step open.
 * Measured from the last request the step made to the end of its process;
 * run one at a time, so that nothing else slows the measure.
 */

import { describe, test, expect } from '@jest/globals'
import { startFakeGitHub } from '../support/fake-github.mjs'
import {
  MOMENTUM,
  endedAt,
  expectSafeRun,
  inputs,
  nodes,
  runAction,
  withEmulator
} from './harness.mjs'

/** From the last request's arrival to the end of the step's process. */
const AT_ONCE_MS = 1000

describe.each(nodes())('$name: after the verdict', ({ path: node }) => {
  test('a green step ends at once', async () => {
    await withEmulator({}, async (emulator) => {
      const run = await runAction({
        node,
        inputs: inputs(emulator, MOMENTUM.id, {
          'project-path': MOMENTUM.path
        })
      })

      expectSafeRun(run, emulator)
      expect(run.code).toBe(0)
      const last = Math.max(...emulator.requests.map((r) => r.time))
      expect(endedAt(run) - last).toBeLessThan(AT_ONCE_MS)
    })
  })

  test('a red step that used a check run ends at once', async () => {
    const github = await startFakeGitHub()
    try {
      const scenario = { compile: { state: 'BuildError' } }
      await withEmulator({ scenario }, async (emulator) => {
        const run = await runAction({
          node,
          inputs: inputs(emulator, MOMENTUM.id, {
            'project-path': MOMENTUM.path,
            'check-name': 'QuantConnect compile'
          }),
          env: { GITHUB_API_URL: github.url }
        })

        expectSafeRun(run, emulator)
        expect(run.code).toBe(1)
        expect(github.requests.map((r) => r.method)).toEqual(['POST', 'PATCH'])
        const last = Math.max(
          ...emulator.requests.map((r) => r.time),
          ...github.requests.map((r) => r.time)
        )
        expect(endedAt(run) - last).toBeLessThan(AT_ONCE_MS)
      })
    } finally {
      await github.close()
    }
  })
})
