/**
 * Reliability, part 4: time. The step ends at timeout-seconds (from 1 s
 * before it, for a last read, to 1.5 s after it, Node's start included)
 * whatever QuantConnect does, and at once when the job is cancelled,
 * saying what was running.
 */

import { describe, test, expect } from '@jest/globals'
import {
  MOMENTUM,
  endedAt,
  expectSafeRun,
  failures,
  inputs,
  nodes,
  runAction,
  withEmulator
} from './harness.mjs'

const [, NODE_24] = nodes()
const COMPILE_ID = /[0-9a-f]{32}-[0-9a-f]{32}/
const IN_QUEUE = { compile: { state: 'InQueue' } }

/**
 * Runs python-momentum with timeout-seconds `seconds`; expects a red step
 * that ended at the deadline: at most 1 s before it, 1.5 s after it.
 *
 * @param {string} node
 * @param {{ url: string }} emulator
 * @param {number} seconds
 */
async function runUntilDeadline(node, emulator, seconds) {
  const run = await runAction({
    node,
    inputs: inputs(emulator, MOMENTUM.id, {
      'project-path': MOMENTUM.path,
      'timeout-seconds': String(seconds)
    })
  })
  expect(run.code).toBe(1)
  expect(run.durationMs).toBeGreaterThan(seconds * 1000 - 1000)
  expect(run.durationMs).toBeLessThan(seconds * 1000 + 1500)
  return run
}

describe('node24: timeout-seconds', () => {
  test.concurrent.each([
    ['a compile that stays InQueue', []],
    [
      'a compile/read that is never answered',
      [{ endpoint: 'compile/read', request: 2, hang: true }]
    ],
    [
      'compile/read answering 502 with an HTML page',
      [{ endpoint: 'compile/read', status: 502, body: '<html>Bad gateway' }]
    ]
  ])('%s: red, naming the compile and InQueue', async (_name, faults) => {
    const scenario = { ...IN_QUEUE, faults }
    await withEmulator({ scenario }, async (emulator) => {
      const run = await runUntilDeadline(NODE_24.path, emulator, 3)

      const compileId = run.outputs['compile-id']
      expect(compileId).toMatch(COMPILE_ID)
      expect(run.outputs.state).toBe('InQueue')
      const [failure, ...others] = failures(run)
      expect(others).toEqual([])
      expect(failure).toContain(
        `Compile ${compileId} of project ${MOMENTUM.id} was still InQueue ` +
          'when timeout-seconds (3) ran out.'
      )
      expect(failure).toMatch(/may still finish in the cloud/)
    })
  })

  test.concurrent(
    'compile/create answering 503 until then: red, naming the last answer',
    async () => {
      const faults = [{ endpoint: 'compile/create', status: 503, body: '' }]
      await withEmulator({ scenario: { faults } }, async (emulator) => {
        // Without a cap, the backoff would wait up to 4 s past the deadline.
        const run = await runUntilDeadline(NODE_24.path, emulator, 4)

        expect(failures(run)).toEqual([
          'QuantConnect gave no usable answer to compile/create within ' +
            'timeout-seconds (4); the last try: compile/create answered ' +
            'HTTP 503 with an empty body. Re-run the job later or raise ' +
            "timeout-seconds; if it persists, check QuantConnect's status " +
            "and the runner's network."
        ])
        expect(run.outputs).toEqual({})
      })
    }
  )
})

describe.each(nodes())(
  '$name: timeout-seconds before any compile',
  ({ path: node }) => {
    test.concurrent(
      'a compile/create that is never answered: red, saying so',
      async () => {
        const faults = [{ endpoint: 'compile/create', hang: true }]
        await withEmulator({ scenario: { faults } }, async (emulator) => {
          const run = await runUntilDeadline(node, emulator, 3)

          expectSafeRun(run, emulator, { refused: ['compile/create #1: null'] })
          expect(failures(run)).toEqual([
            'QuantConnect did not answer compile/create within ' +
              'timeout-seconds (3). Re-run the job later or raise ' +
              "timeout-seconds; if it persists, check QuantConnect's status " +
              "and the runner's network."
          ])
          expect(run.outputs).toEqual({})
          expect(run.summary).toContain('did not answer compile/create')
        })
      }
    )
  }
)

describe.each(nodes())('$name: a cancelled job', ({ path: node }) => {
  test.concurrent.each(['SIGINT', 'SIGTERM'])(
    'on %s exits at once, naming the compile left running',
    async (signal) => {
      await withEmulator({ scenario: IN_QUEUE }, async (emulator) => {
        const run = await runAction({
          node,
          inputs: inputs(emulator, MOMENTUM.id, {
            'project-path': MOMENTUM.path
          }),
          interrupt: {
            when: /^Compile \S+ created/m,
            signal: /** @type {NodeJS.Signals} */ (signal)
          }
        })

        expect(run.interruptedAt).toBeDefined()
        expect(endedAt(run) - Number(run.interruptedAt)).toBeLessThan(2000)
        expect(run.code).toBe(1)
        expect(run.signal).toBeNull()
        const compileId = /^Compile (\S+) created/m.exec(run.stdout)?.[1]
        expect(compileId).toMatch(COMPILE_ID)
        expect(failures(run)).toEqual([
          `Cancelled by ${signal}: compile ${compileId} was running and ` +
            'continues on QuantConnect.'
        ])
        expect(run.outputs).toEqual({})
      })
    }
  )
})
