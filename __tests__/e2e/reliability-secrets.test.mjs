/**
 * Reliability, part 7: with step debug logging on, no failure puts a secret
 * in the log, the outputs, the job summary or the check run: not the API
 * token, not the
 * GitHub token (except in their own ::add-mask:: lines), no 64-hex hash
 * (but the compile's signature, which is no secret) and no Authorization
 * header value.
 */

import { describe, test, expect } from '@jest/globals'
import { startFakeGitHub } from '../support/fake-github.mjs'
import {
  MOMENTUM,
  PULL_REQUEST,
  TOKEN,
  failures,
  inputs,
  nodes,
  runAction,
  secretLeaks,
  withEmulator
} from './harness.mjs'

const [, NODE_24] = nodes()
const DEBUG = { ACTIONS_STEP_DEBUG: 'true', RUNNER_DEBUG: '1' }
const WRONG_TOKEN = 'wrong-api-token-7e1f03b9c2'
const IN_QUEUE = { state: 'InQueue' }
/** The cloud holds an older main.py: a push updates it. */
const OLDER_MAIN = [
  {
    id: MOMENTUM.id,
    files: [{ name: 'main.py', content: '# An older main.py\n' }]
  }
]

/**
 * @typedef {{
 *   emulator?: Parameters<import('./harness.mjs').withEmulator>[0],
 *   inputs?: Record<string, string>,
 *   refuseCheckRun?: number,
 *   code?: number
 * }} Case
 * @type {[string, Case][]}
 */
const CASES = [
  ['a wrong api-token', { inputs: { 'api-token': WRONG_TOKEN } }],
  ['a runner clock 3 h off', { emulator: { clockSkewSeconds: 3 * 3600 } }],
  [
    'compile/create answering 503 past the retry budget',
    {
      emulator: {
        scenario: {
          faults: [{ endpoint: 'compile/create', status: 503, body: '' }]
        }
      }
    }
  ],
  [
    'success: false on compile/read',
    {
      emulator: {
        scenario: {
          compile: IN_QUEUE,
          faults: [
            {
              endpoint: 'compile/read',
              request: 2,
              success: false,
              errors: ['Compile id not found']
            }
          ]
        }
      }
    }
  ],
  [
    'an HTML page on compile/create until timeout-seconds',
    {
      emulator: {
        scenario: {
          faults: [
            {
              endpoint: 'compile/create',
              status: 502,
              body: '<html><title>502 Bad Gateway</title></html>'
            }
          ]
        }
      },
      inputs: { 'timeout-seconds': '4' }
    }
  ],
  [
    'a compile still InQueue at timeout-seconds',
    {
      emulator: { scenario: { compile: IN_QUEUE } },
      inputs: { 'timeout-seconds': '3' }
    }
  ],
  [
    'a push refused with HTTP 413',
    {
      emulator: {
        projects: OLDER_MAIN,
        scenario: { faults: [{ endpoint: 'files/update', status: 413 }] }
      },
      inputs: { push: 'true' }
    }
  ],
  // The compile is green; the check run falls back with a warning.
  ['a check run refused with HTTP 403', { refuseCheckRun: 403, code: 0 }]
]

/**
 * Every place a secret shows up in a run or the check run it sent;
 * empty is the only good answer.
 *
 * @param {import('./harness.mjs').RunResult} run
 * @param {string} apiToken
 * @param {{ body?: unknown }[]} checkRunRequests
 */
function leaks(run, apiToken, checkRunRequests) {
  const places = [
    ...secretLeaks(run, apiToken).map((p) => `api-token: ${p}`),
    ...secretLeaks(run, PULL_REQUEST.githubToken).map((p) => `github: ${p}`)
  ]
  const texts = {
    stdout: run.stdout,
    stderr: run.stderr,
    outputs: JSON.stringify(run.outputs),
    summary: run.summary,
    'check run': JSON.stringify(checkRunRequests.map((r) => r.body))
  }
  const signature = run.outputs.signature
  for (const [where, text] of Object.entries(texts)) {
    for (const [hash] of text.matchAll(/\b[0-9a-f]{64}\b/gi)) {
      if (hash !== signature) places.push(`${where}: the hash ${hash}`)
    }
    for (const [header] of text.matchAll(
      /authorization\s*["']?\s*[:=]\s*\S+|basic\s+[a-z0-9+/]{8,}={0,2}/gi
    )) {
      places.push(`${where}: ${header}`)
    }
  }
  return places
}

describe('node24 in debug mode', () => {
  test.concurrent.each(CASES)(
    '%s: no secret anywhere',
    async (_name, { emulator: options = {}, inputs: more = {}, ...rest }) => {
      const github = await startFakeGitHub({ refuse: rest.refuseCheckRun })
      const apiToken = more['api-token'] ?? TOKEN
      try {
        await withEmulator(options, async (emulator) => {
          const run = await runAction({
            node: NODE_24.path,
            inputs: inputs(emulator, MOMENTUM.id, {
              'project-path': MOMENTUM.path,
              'check-name': 'QuantConnect compile',
              ...more
            }),
            env: { ...DEBUG, GITHUB_API_URL: github.url }
          })

          expect(run.code).toBe(rest.code ?? 1)
          const warned = run.commands.filter((c) => c.command === 'warning')
          expect(failures(run).length + warned.length).toBe(1)
          expect(run.stdout).toContain('::debug::')
          expect(leaks(run, apiToken, github.requests)).toEqual([])
        })
      } finally {
        await github.close()
      }
    }
  )
})
