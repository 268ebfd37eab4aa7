/**
 * Reliability, part 1: what goes wrong on the way and then passes does not
 * change the verdict. The build decides: python-momentum is green.
 * (Final refusals, exhausted retries, the deadline, cancellation, proxies
 * and secrets are in the other reliability-*.test.mjs files.)
 */

import { describe, test, expect } from '@jest/globals'
import {
  MOMENTUM,
  expectSafeRun,
  failures,
  inputs,
  nodes,
  requestsTo,
  runAction,
  withEmulator
} from './harness.mjs'

const [, NODE_24] = nodes()

/**
 * @param {string} node
 * @param {{ url: string }} emulator
 * @param {Record<string, string>} [more] inputs
 */
function runMomentum(node, emulator, more = {}) {
  return runAction({
    node,
    inputs: inputs(emulator, MOMENTUM.id, {
      'project-path': MOMENTUM.path,
      ...more
    })
  })
}

/** @param {import('./harness.mjs').RunResult} run */
function expectGreen(run) {
  expect(failures(run)).toEqual([])
  expect(run.code).toBe(0)
  expect(run.outputs.state).toBe('BuildSuccess')
  expect(run.outputs['parameter-count']).toBe('12')
}

describe.each(nodes())('$name: a 5xx once', ({ path: node }) => {
  // compile/read #1 answers InQueue (the compile takes 2 s), #2 fails.
  test.concurrent.each([
    ['compile/create', 1],
    ['compile/read', 2]
  ])(
    'on %s #%i with an empty body is retried, signed afresh: green',
    async (endpoint, request) => {
      const faults = [{ endpoint, request, status: 503, body: '' }]
      await withEmulator(
        { compileSeconds: 2, scenario: { faults } },
        async (emulator) => {
          const run = await runMomentum(node, emulator)

          // The faulted request is the only one not accepted as signed.
          expectSafeRun(run, emulator, {
            refused: [`${endpoint} #${request}: 503`]
          })
          expectGreen(run)
          expect(run.stdout).toContain(
            `${endpoint} answered HTTP 503 with an empty body. ` +
              'Trying again (4 left).'
          )
          const retry = requestsTo(emulator.requests, endpoint)[request]
          expect(retry).toMatchObject({ status: 200, signed: true })
        }
      )
    }
  )
})

describe('node24: a bad answer while polling, once', () => {
  test.concurrent.each([
    [
      'a proxy page (502, text/html)',
      {
        status: 502,
        body: '<html><body><h1>502 Bad Gateway</h1></body></html>'
      },
      'HTTP 502 with a text/html body starting "<html><body><h1>502 Bad'
    ],
    ['a 200 with an empty body', { body: '' }, 'HTTP 200 with an empty body'],
    [
      'a 200 that is not JSON',
      { body: 'upstream connect error or disconnect/reset' },
      'HTTP 200 with a text/plain body starting "upstream connect error'
    ]
  ])('%s is retried: green', async (_name, fault, logged) => {
    const faults = [{ endpoint: 'compile/read', request: 1, ...fault }]
    await withEmulator({ scenario: { faults } }, async (emulator) => {
      const run = await runMomentum(NODE_24.path, emulator)

      const status = fault.status ?? 200
      expectSafeRun(run, emulator, { refused: [`compile/read #1: ${status}`] })
      expectGreen(run)
      expect(run.stdout).toContain(`compile/read answered ${logged}`)
      expect(requestsTo(emulator.requests, 'compile/read')).toHaveLength(2)
    })
  })
})

describe('node24: waiting', () => {
  test.concurrent(
    '429 with Retry-After: 3 delays the next try by 3 s, freshly signed',
    async () => {
      // 3 s, not 2: without Retry-After the backoff alone waits up to 2 s.
      const faults = [
        { endpoint: 'compile/read', request: 1, status: 429, retryAfter: 3 }
      ]
      // A retry carrying the first try's signature, 3 s or more old, would
      // be refused: the emulator accepts timestamps 1 s off at most.
      const options = { timestampWindowSeconds: 1, scenario: { faults } }
      await withEmulator(options, async (emulator) => {
        const run = await runMomentum(NODE_24.path, emulator)

        expectSafeRun(run, emulator, { refused: ['compile/read #1: 429'] })
        expectGreen(run)
        const [limited, next] = requestsTo(emulator.requests, 'compile/read')
        expect(next.time - limited.time).toBeGreaterThanOrEqual(3000)
        expect(next).toMatchObject({ status: 200, signed: true })
      })
    }
  )

  test.concurrent(
    'a Retry-After beyond timeout-seconds is cut at the deadline',
    async () => {
      const faults = [{ endpoint: 'compile/read', status: 429, retryAfter: 60 }]
      await withEmulator({ scenario: { faults } }, async (emulator) => {
        const run = await runMomentum(NODE_24.path, emulator, {
          'timeout-seconds': '3'
        })

        expect(run.code).toBe(1)
        expect(run.durationMs).toBeLessThan(3000 + 1500)
        expect(failures(run)).toEqual([
          expect.stringContaining('still InQueue when timeout-seconds (3)')
        ])
        expect(requestsTo(emulator.requests, 'compile/read')).toHaveLength(1)
      })
    }
  )

  test.concurrent(
    'a compile/read answered after 3 s is waited for: green',
    async () => {
      const faults = [{ endpoint: 'compile/read', request: 1, delayMs: 3000 }]
      await withEmulator({ scenario: { faults } }, async (emulator) => {
        const run = await runMomentum(NODE_24.path, emulator, {
          'timeout-seconds': '30'
        })

        expectSafeRun(run, emulator)
        expectGreen(run)
        expect(run.durationMs).toBeGreaterThan(3000)
        expect(run.stdout).not.toContain('Trying again')
        expect(requestsTo(emulator.requests, 'compile/read')).toEqual([
          expect.objectContaining({ status: 200, signed: true })
        ])
      })
    }
  )
})

describe.each(nodes())('$name: answers read leniently', ({ path: node }) => {
  const compileId = `${'ab'.repeat(16)}-${'cd'.repeat(16)}`
  const faults = [
    {
      endpoint: 'compile/create',
      json: {
        success: true,
        compileId,
        state: null,
        parameters: null,
        signature: null,
        errors: null,
        messages: null,
        queuePosition: { ahead: 3, region: 'us-east' }
      }
    },
    {
      endpoint: 'compile/read',
      request: 1,
      json: { success: true, compileId, state: 'Building', logs: null }
    },
    {
      endpoint: 'compile/read',
      request: 2,
      json: {
        success: true,
        state: 'BuildSuccess',
        logs: ['Build Success'],
        errors: null,
        leanVersion: { major: 2, minor: 5 }
      }
    }
  ]

  test.concurrent(
    'null lists, unknown fields, an unknown state (running): green',
    async () => {
      await withEmulator({ scenario: { faults } }, async (emulator) => {
        const run = await runMomentum(node, emulator)

        expect(failures(run)).toEqual([])
        expect(run.code).toBe(0)
        expect(run.outputs).toMatchObject({
          'compile-id': compileId,
          state: 'BuildSuccess',
          'parameter-count': '0',
          parameters: '[]'
        })
        // Building is not terminal: polling went on to the next read.
        expect(run.stdout).toMatch(/^Building after \d+\.\d s$/m)
        expect(run.stdout).toMatch(/^BuildSuccess after \d+\.\d s$/m)
        expect(requestsTo(emulator.requests, 'compile/read')).toHaveLength(2)
      })
    }
  )
})
