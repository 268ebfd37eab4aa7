/**
 * Runs the bundled action (dist/index.js) in its own Node process the way a
 * GitHub runner runs a JavaScript action step on a pull request: inputs as
 * INPUT_* variables with action.yml's defaults filled in, fresh
 * GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, a pull_request event file,
 * and nothing else inherited but PATH. Shared by the end-to-end tests and
 * the demo.
 */

import { spawn } from 'node:child_process'
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { inputVariables } from './action-inputs.mjs'
import { stepOutputs, workflowCommands } from './workflow-commands.mjs'

export const REPOSITORY_ROOT = resolve(
  fileURLToPath(new URL('..', import.meta.url))
)
export const BUNDLE = join(REPOSITORY_ROOT, 'dist', 'index.js')

/** The pull request every run pretends to build. */
export const PULL_REQUEST = {
  repository: 'octo-org/algorithms',
  number: 7,
  headRef: 'feature/momentum',
  baseRef: 'main',
  headSha: '1f0c2a9d3b4e5f60718293a4b5c6d7e8f9a0b1c2',
  baseSha: '2e1d0c9b8a7f6e5d4c3b2a1908f7e6d5c4b3a291',
  /** GITHUB_SHA: the merge commit GitHub makes for the run. */
  mergeSha: '3d2c1b0a9f8e7d6c5b4a39281706f5e4d3c2b1a0',
  /** What `${{ github.token }}` stands for. */
  githubToken: 'ghs_runnerStandInToken0000000000000000'
}

/**
 * @typedef {{
 *   node: string,
 *   inputs: Record<string, string>,
 *   env?: Record<string, string | undefined>,
 *   workspace?: string,
 *   timeoutMs?: number,
 *   bundle?: string,
 *   interrupt?: { when: RegExp, signal: NodeJS.Signals }
 * }} RunOptions
 * @typedef {{
 *   code: number | null,
 *   signal: string | null,
 *   timedOut: boolean,
 *   stdout: string,
 *   stderr: string,
 *   commands: import('./workflow-commands.mjs').WorkflowCommand[],
 *   outputs: Record<string, string>,
 *   summary: string,
 *   startedAt: number,
 *   durationMs: number,
 *   interruptedAt?: number
 * }} RunResult
 */

/**
 * Runs the bundle once and reads back what the runner would; the temporary
 * runner files are removed before it resolves.
 *
 * `bundle` runs another copy of dist/index.js (one with no node_modules
 * around it, as in a runner's checkout of the action). `interrupt` sends
 * `signal` to the step once its stdout matches `when`; `interruptedAt`
 * says when. `startedAt` (epoch ms) plus `durationMs` is when it ended.
 *
 * @param {RunOptions} options
 * @returns {Promise<RunResult>}
 */
export async function runAction(options) {
  const folder = mkdtempSync(join(tmpdir(), 'qc-runner-'))
  try {
    const workspace = options.workspace ?? REPOSITORY_ROOT
    const env = runnerEnvironment(folder, workspace, options)
    const startedAt = Date.now()
    const started = performance.now()
    const run = await spawnStep(options.node, workspace, env, options)
    return {
      ...run,
      startedAt,
      commands: workflowCommands(run.stdout),
      outputs: stepOutputs(readFileSync(join(folder, 'output'), 'utf8')),
      summary: readFileSync(join(folder, 'step_summary'), 'utf8'),
      durationMs: Math.round(performance.now() - started)
    }
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}

/**
 * The step's whole environment; writes its files into `folder`.
 *
 * @param {string} folder
 * @param {string} workspace
 * @param {RunOptions} options
 * @returns {Record<string, string>}
 */
export function runnerEnvironment(folder, workspace, options) {
  const file = (/** @type {string} */ name, content = '') => {
    writeFileSync(join(folder, name), content)
    return join(folder, name)
  }
  const temp = join(folder, 'temp')
  mkdirSync(temp)
  const pr = PULL_REQUEST
  const [owner] = pr.repository.split('/')

  /** @type {Record<string, string | undefined>} */
  const env = {
    PATH: process.env.PATH,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: file('output'),
    GITHUB_STEP_SUMMARY: file('step_summary'),
    GITHUB_ENV: file('env'),
    GITHUB_PATH: file('path'),
    GITHUB_STATE: file('state'),
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: file('event.json', JSON.stringify(pullRequestEvent())),
    GITHUB_SHA: pr.mergeSha,
    GITHUB_REF: `refs/pull/${pr.number}/merge`,
    GITHUB_HEAD_REF: pr.headRef,
    GITHUB_BASE_REF: pr.baseRef,
    GITHUB_REPOSITORY: pr.repository,
    GITHUB_REPOSITORY_OWNER: owner,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'https://api.github.com',
    RUNNER_TEMP: temp,
    RUNNER_OS: 'Linux',
    ...inputVariables(options.inputs, {
      'github.token': pr.githubToken
    }),
    ...options.env
  }
  return Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined)
  )
}

/** The payload of a pull_request event, as GITHUB_EVENT_PATH holds it. */
export function pullRequestEvent() {
  const pr = PULL_REQUEST
  const [owner, name] = pr.repository.split('/')
  const repository = { full_name: pr.repository, name, owner: { login: owner } }
  return {
    action: 'synchronize',
    number: pr.number,
    pull_request: {
      number: pr.number,
      head: { ref: pr.headRef, sha: pr.headSha, repo: repository },
      base: { ref: pr.baseRef, sha: pr.baseSha, repo: repository }
    },
    repository
  }
}

/**
 * @param {string} node
 * @param {string} cwd
 * @param {Record<string, string>} env
 * @param {RunOptions} options
 */
function spawnStep(node, cwd, env, options) {
  return new Promise((resolve, reject) => {
    const bundle = options.bundle ?? BUNDLE
    const child = spawn(node, [bundle], { cwd, env, stdio: 'pipe' })
    let stdout = ''
    let stderr = ''
    const { interrupt } = options
    /** @type {number | undefined} */
    let interruptedAt
    child.stdout.setEncoding('utf8').on('data', (text) => {
      stdout += text
      // Once, as a runner does when the job is cancelled.
      if (
        interrupt &&
        interruptedAt === undefined &&
        interrupt.when.test(stdout)
      ) {
        interruptedAt = Date.now()
        child.kill(interrupt.signal)
      }
    })
    child.stderr.setEncoding('utf8').on('data', (text) => (stderr += text))
    child.stdin.end()

    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGKILL')
    }, options.timeoutMs ?? 60_000)
    child.once('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.once('close', (code, signal) => {
      clearTimeout(timer)
      resolve({ code, signal, timedOut, stdout, stderr, interruptedAt })
    })
  })
}
