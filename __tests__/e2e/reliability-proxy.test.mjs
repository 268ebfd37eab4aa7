/**
 * Reliability, part 6: behind a proxy. HTTPS_PROXY, HTTP_PROXY and NO_PROXY
 * are honoured for QuantConnect and GitHub calls. Loopback hosts always
 * bypass a proxy, so the emulator and the fake GitHub are reached by
 * made-up names (qc.test, api.github.test) over TLS with a throwaway CA, and
 * only the proxy knows where those names lead. The bundle runs from a copy
 * of dist/ with no node_modules around it, as from a runner's checkout.
 */

import { describe, test, expect, beforeAll, afterAll } from '@jest/globals'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startFakeGitHub } from '../support/fake-github.mjs'
import {
  makeCertificates,
  startProxy,
  startTlsTerminator
} from '../support/tls-proxy.mjs'
import {
  MOMENTUM,
  REPOSITORY_ROOT,
  expectSafeRun,
  failures,
  inputs,
  nodes,
  runAction,
  withEmulator
} from './harness.mjs'

const QC_URL = 'https://qc.test/api/v2'
const CHECK_NAME = 'QuantConnect compile'

/** @type {ReturnType<typeof makeCertificates>} */
let certificates
/** @type {string} */
let action

beforeAll(() => {
  certificates = makeCertificates(['qc.test', 'api.github.test'])
  action = mkdtempSync(join(tmpdir(), 'qc-action-copy-'))
  cpSync(join(REPOSITORY_ROOT, 'dist'), join(action, 'dist'), {
    recursive: true
  })
})

afterAll(() => {
  certificates?.remove()
  if (action) rmSync(action, { recursive: true, force: true })
})

/**
 * Runs `use` with the emulator and the fake GitHub behind TLS terminators,
 * and a proxy that routes qc.test:443 and api.github.test:443 (and :80, to
 * the fake GitHub's plain port) to them.
 *
 * @template T
 * @param {(network: {
 *   emulator: Awaited<ReturnType<typeof import('../../emulator/server.mjs').startEmulator>>,
 *   github: Awaited<ReturnType<typeof startFakeGitHub>>,
 *   proxy: Awaited<ReturnType<typeof startProxy>>
 * }) => Promise<T>} use
 */
async function withNetwork(use) {
  return withEmulator({}, async (emulator) => {
    const github = await startFakeGitHub()
    const tls = { key: certificates.key, cert: certificates.cert }
    const qc = await startTlsTerminator({ ...tls, targetPort: emulator.port })
    const gh = await startTlsTerminator({ ...tls, targetPort: github.port })
    const proxy = await startProxy({
      'qc.test:443': qc.port,
      'api.github.test:443': gh.port,
      'api.github.test:80': github.port
    })
    try {
      return await use({ emulator, github, proxy })
    } finally {
      await Promise.all([proxy, qc, gh, github].map((s) => s.close()))
    }
  })
}

/**
 * @param {string} node
 * @param {Record<string, string>} more inputs
 * @param {Record<string, string>} env
 */
function runBehindProxy(node, more, env) {
  return runAction({
    node,
    bundle: join(action, 'dist/index.js'),
    inputs: inputs({ url: QC_URL }, MOMENTUM.id, {
      'project-path': MOMENTUM.path,
      'check-name': CHECK_NAME,
      ...more
    }),
    env: { NODE_EXTRA_CA_CERTS: certificates.caFile, ...env }
  })
}

describe.each(nodes())('$name behind a proxy', ({ path: node }) => {
  test('HTTPS_PROXY carries QuantConnect and GitHub calls: green', async () => {
    await withNetwork(async ({ emulator, github, proxy }) => {
      const run = await runBehindProxy(
        node,
        {},
        {
          HTTPS_PROXY: proxy.url,
          GITHUB_API_URL: 'https://api.github.test'
        }
      )

      expectSafeRun(run, emulator)
      expect(failures(run)).toEqual([])
      expect(run.code).toBe(0)
      expect(new Set(proxy.seen)).toEqual(
        new Set(['qc.test:443', 'api.github.test:443'])
      )
      expect(emulator.requests.map((r) => r.endpoint)).toEqual([
        'compile/create',
        'compile/read'
      ])
      expect(github.requests.map((r) => r.method)).toEqual(['POST', 'PATCH'])
      expect(github.requests[1]?.body).toMatchObject({
        conclusion: 'success'
      })
    })
  })

  test('NO_PROXY=qc.test sends QuantConnect calls direct', async () => {
    await withNetwork(async ({ emulator, github, proxy }) => {
      const run = await runBehindProxy(
        node,
        { 'timeout-seconds': '4' },
        {
          HTTPS_PROXY: proxy.url,
          NO_PROXY: 'qc.test',
          GITHUB_API_URL: 'https://api.github.test'
        }
      )

      // qc.test has no address outside the proxy: the direct calls fail.
      expect(run.code).toBe(1)
      expect(proxy.seen).not.toContain('qc.test:443')
      expect(proxy.seen).toContain('api.github.test:443')
      expect(emulator.requests).toEqual([])
      expect(failures(run)).toEqual([
        expect.stringMatching(
          /^QuantConnect gave no usable answer to compile\/create within timeout-seconds \(4\); the last try: compile\/create could not be reached \(.*qc\.test.*\)\./
        )
      ])
      expect(github.requests[1]?.body).toMatchObject({
        conclusion: 'failure'
      })
    })
  })

  test('HTTP_PROXY carries GitHub calls over http', async () => {
    await withNetwork(async ({ emulator, github, proxy }) => {
      // base-url is loopback (the emulator itself), which never uses a proxy.
      const run = await runBehindProxy(
        node,
        { 'base-url': emulator.url },
        { HTTP_PROXY: proxy.url, GITHUB_API_URL: 'http://api.github.test' }
      )

      expectSafeRun(run, emulator)
      expect(run.code).toBe(0)
      expect(new Set(proxy.seen)).toEqual(new Set(['api.github.test:80']))
      expect(github.requests.map((r) => r.method)).toEqual(['POST', 'PATCH'])
    })
  })
})
