/**
 * Reliability, part 2: answers that are final. A refusal is never retried
 * and never polled past; what is fine (credentials pasted with whitespace)
 * is not refused; and an unsafe base-url is refused before any request.
 */

import { describe, test, expect } from '@jest/globals'
import { startProxy } from '../support/tls-proxy.mjs'
import {
  MOMENTUM,
  TOKEN,
  USER_ID,
  endpoints,
  expectSafeRun,
  failures,
  inputs,
  nodes,
  requestsTo,
  runAction,
  withEmulator
} from './harness.mjs'

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

describe.each(nodes())('$name: success: false', ({ path: node }) => {
  // The compile stays InQueue, so only the refusal can end the polling.
  test.concurrent.each([
    ['compile/create', 1, 'errors', 'Invalid argument'],
    ['compile/create', 1, 'messages', 'Invalid argument'],
    ['compile/read', 2, 'errors', 'Compile id not found'],
    ['compile/read', 2, 'messages', 'Compile id not found']
  ])(
    'on %s #%i, the text in %s, is final at once',
    async (endpoint, request, field, text) => {
      const words = { errors: [], [field]: [text] }
      const scenario = {
        compile: { state: 'InQueue' },
        faults: [{ endpoint, request, success: false, ...words }]
      }
      await withEmulator({ scenario }, async (emulator) => {
        const run = await runMomentum(node, emulator)

        expectSafeRun(run, emulator, {
          refused: [`${endpoint} #${request}: 200`]
        })
        expect(run.code).toBe(1)
        expect(failures(run)).toEqual([
          expect.stringContaining(`QuantConnect refused ${endpoint}: ${text}`)
        ])
        expect(run.stdout).not.toContain('Trying again')
        // Nothing was asked after the refusal.
        expect(emulator.requests.at(-1)).toMatchObject({
          endpoint,
          number: request
        })
        expect(run.outputs).toEqual({})
      })
    }
  )
})

describe.each(nodes())('$name: refused credentials', ({ path: node }) => {
  test.concurrent.each([
    ['a wrong api-token', {}, { 'api-token': 'wrong-token-0c4e9d2a' }, 200],
    ['a runner clock 3 h off', { clockSkewSeconds: 3 * 3600 }, {}, 401]
  ])(
    '%s: one request, no retry, no polling',
    async (_name, options, more, status) => {
      await withEmulator(options, async (emulator) => {
        const run = await runMomentum(node, emulator, more)

        expectSafeRun(run, emulator, {
          token: more['api-token'] ?? TOKEN,
          refused: [`compile/create #1: ${status}`]
        })
        expect(run.code).toBe(1)
        expect(endpoints(emulator.requests)).toEqual(['compile/create'])
        expect(run.stdout).not.toContain('Trying again')
        const [failure, ...others] = failures(run)
        expect(others).toEqual([])
        expect(failure).toMatch(/credentials/)
        if (status === 401) {
          expect(failure).toContain('HTTP 401')
          expect(failure).toMatch(/runner clock/)
        } else {
          expect(failure).toMatch(/^QuantConnect rejected the credentials/)
        }
        expect(run.outputs).toEqual({})
      })
    }
  )

  test.concurrent(
    'credentials pasted with whitespace and a newline work',
    async () => {
      await withEmulator({}, async (emulator) => {
        const run = await runMomentum(node, emulator, {
          'user-id': ` ${USER_ID}\n`,
          'api-token': `  ${TOKEN} \n`
        })

        // Also: the token is masked as it is used, trimmed.
        expectSafeRun(run, emulator)
        expect(failures(run)).toEqual([])
        expect(run.code).toBe(0)
        expect(run.outputs.state).toBe('BuildSuccess')
      })
    }
  )
})

describe('node24: a push refused with HTTP 413', () => {
  const [, { path: node }] = nodes()
  /** The cloud holds an older main.py: the push updates it. */
  const projects = [
    {
      id: MOMENTUM.id,
      files: [{ name: 'main.py', content: '# An older main.py\n' }]
    }
  ]

  test.concurrent.each([
    ['a proxy page', { body: '<html><h1>413 Request Entity Too Large</h1>' }],
    ['JSON', { json: { success: false, errors: ['File too big'] } }]
  ])('as %s names the file and the quota', async (_name, answer) => {
    const faults = [{ endpoint: 'files/update', status: 413, ...answer }]
    await withEmulator({ projects, scenario: { faults } }, async (emulator) => {
      const run = await runMomentum(node, emulator, { push: 'true' })

      expectSafeRun(run, emulator, { refused: ['files/update #1: 413'] })
      expect(run.code).toBe(1)
      expect(requestsTo(emulator.requests, 'files/update')).toEqual([
        expect.objectContaining({
          body: expect.objectContaining({ name: 'main.py' })
        })
      ])
      expect(endpoints(emulator.requests)).not.toContain('compile/create')
      const [failure, ...more] = failures(run)
      expect(more).toEqual([])
      expect(failure).toContain(`Pushing main.py to project ${MOMENTUM.id}`)
      expect(failure).toContain('too large (HTTP 413')
      expect(failure).toMatch(
        /project or one of its files exceeds the account's size quota/
      )
      expect(failure).toContain('Nothing was compiled')
      expect(run.outputs).toEqual({})
    })
  })
})

describe.each(nodes())('$name: base-url', ({ path: node }) => {
  test.concurrent.each([
    'http://qc.example.test/api/v2',
    'http://192.168.10.20:8080/api/v2',
    'http://[fd00::7]/api/v2'
  ])(
    '%s (plain http, not loopback) is refused before any request',
    async (url) => {
      // Every request to a host that is not loopback goes through the proxy,
      // so the proxy sees whatever the step tries to send.
      const proxy = await startProxy({})
      try {
        const run = await runAction({
          node,
          inputs: inputs({ url }, MOMENTUM.id, {
            'project-path': MOMENTUM.path
          }),
          env: { HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url }
        })

        expect(run.code).toBe(1)
        expect(proxy.seen).toEqual([])
        expect(failures(run)).toEqual([
          expect.stringMatching(/^Input 'base-url' is .*; it must use https/)
        ])
        expect(run.outputs).toEqual({})
      } finally {
        await proxy.close()
      }
    }
  )
})
