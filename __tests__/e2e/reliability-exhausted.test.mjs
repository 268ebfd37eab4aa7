/**
 * Reliability, part 3: a failure that persists past the retry budget (five
 * tries, about 15 to 25 s of backoff) ends in a message that says what
 * QuantConnect answered, never that the credentials are wrong. On
 * compile/create the step fails then; on compile/read polling goes on to
 * timeout-seconds (28 here, time for one whole budget) and the verdict
 * quotes the last failure. Slow, so under Node 24 only and concurrently
 * (Jest runs five at once).
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
const TRIES = 5
const TIMEOUT_SECONDS = 28
/** Longer than the 80 characters a message quotes. */
const NGINX_PAGE =
  '<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n' +
  '<center><h1>502 Bad Gateway</h1></center>\n<hr><center>nginx</center>\n' +
  '</body>\n</html>\n'

describe('node24: a failure past the retry budget', () => {
  test.concurrent.each([
    [
      'compile/create',
      '503, empty',
      { status: 503, body: '' },
      'compile/create answered HTTP 503 with an empty body'
    ],
    [
      'compile/read',
      '500, empty',
      { status: 500, body: '' },
      'compile/read answered HTTP 500 with an empty body'
    ],
    [
      'compile/read',
      "502, a proxy's HTML page",
      { status: 502, body: NGINX_PAGE },
      'compile/read answered HTTP 502 with a text/html body starting ' +
        '"<html> <head><title>502 Bad Gateway</title></head> <body>'
    ],
    [
      'compile/read',
      '503, text typed text/html',
      { status: 503, body: 'Service Unavailable', contentType: 'text/html' },
      'compile/read answered HTTP 503 with a text/html body starting ' +
        '"Service Unavailable"'
    ],
    [
      'compile/read',
      '200, not JSON',
      { body: 'no healthy upstream' },
      'compile/read answered HTTP 200 with a text/plain body starting ' +
        '"no healthy upstream"'
    ]
  ])(
    'on %s (%s) fails naming what came back',
    async (endpoint, _name, fault, said) => {
      const scenario = {
        compile: { state: 'InQueue' },
        faults: [{ endpoint, ...fault }]
      }
      await withEmulator({ scenario }, async (emulator) => {
        const run = await runAction({
          node: NODE_24.path,
          inputs: inputs(emulator, MOMENTUM.id, {
            'project-path': MOMENTUM.path,
            'timeout-seconds': String(TIMEOUT_SECONDS)
          }),
          timeoutMs: (TIMEOUT_SECONDS + 15) * 1000
        })

        const status = fault.status ?? 200
        const tried = requestsTo(emulator.requests, endpoint)
        expect(tried.length).toBeGreaterThanOrEqual(TRIES)
        expect(tried.every((request) => request.status === status)).toBe(true)
        expectSafeRun(run, emulator, {
          refused: tried.map((r) => `${endpoint} #${r.number}: ${status}`)
        })
        expect(run.code).toBe(1)
        expect(run.stdout).toContain('Trying again (1 left).')

        const [failure, ...others] = failures(run)
        expect(others).toEqual([])
        expect(failure).toContain(said)
        expect(failure).not.toContain('nginx')
        expect(failure).not.toMatch(/credential|api-token|user-id/i)
        if (endpoint === 'compile/create') {
          // Final at the end of the budget, long before the deadline.
          expect(tried).toHaveLength(TRIES)
          expect(failure).toContain(`, ${TRIES} times in a row.`)
          expect(failure).toMatch(/re-run the job later/)
          expect(run.durationMs).toBeLessThan(TIMEOUT_SECONDS * 1000)
        } else {
          expect(failure).toMatch(
            new RegExp(
              `^Compile [0-9a-f-]+ of project ${MOMENTUM.id} was still InQueue`
            )
          )
        }
      })
    }
  )
})
