/**
 * A QuantConnect API stand-in on loopback, for tests, the demo and
 * benchmarks. Start it with startEmulator() or from the command line:
 *
 *   node emulator/server.mjs --project 1001=examples/python-momentum
 */

import { existsSync, realpathSync } from 'node:fs'
import { createServer } from 'node:http'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { readCommandLine, USAGE } from './command-line.mjs'
import { createCompiler } from './compiler.mjs'
import { loadProject } from './projects.mjs'
import { API_ROOT, createRouter } from './router.mjs'
import { loadScenario } from './scenario.mjs'

const DEFAULT_USER = { userId: '42', token: 'emulator-token' }
const DEFAULT_MAX_FILE_BYTES = 256 * 1024

/**
 * @typedef {import('./projects.mjs').ProjectSpec} ProjectSpec
 * @typedef {import('./scenario.mjs').Scenario} Scenario
 * @typedef {{
 *   projects?: ProjectSpec[],
 *   users?: import('./auth.mjs').User[],
 *   compileSeconds?: number,
 *   scenario?: Scenario | string,
 *   host?: string,
 *   port?: number,
 *   timestampWindowSeconds?: number,
 *   clockSkewSeconds?: number,
 *   python?: string,
 *   maxFileBytes?: number
 * }} EmulatorOptions
 * @typedef {{
 *   url: string,
 *   port: number,
 *   requests: import('./router.mjs').RequestRecord[],
 *   project: (id: number) => Map<string, string> | undefined,
 *   close: () => Promise<void>
 * }} Emulator
 */

/**
 * Starts an emulator and resolves once it listens.
 *
 * @param {EmulatorOptions} [options]
 * @returns {Promise<Emulator>}
 */
export async function startEmulator(options = {}) {
  const scenario = await loadScenario(options.scenario)
  const { projects, projectScenarios } = await loadProjects(options.projects)

  const sockets = new Set()
  const timers = new Set()
  /** @type {Set<import('node:child_process').ChildProcess>} */
  const children = new Set()
  const warn = (/** @type {string} */ line) => process.stderr.write(`${line}\n`)

  const compiler = createCompiler({
    python: options.python ?? 'python3',
    compileSeconds: (project) =>
      projectScenarios.get(project.id)?.compileSeconds ??
      scenario.compileSeconds ??
      options.compileSeconds ??
      1,
    override: (project) =>
      projectScenarios.get(project.id)?.compile ?? scenario.compile,
    children,
    warn
  })

  /** @type {import('./router.mjs').RequestRecord[]} */
  const requests = []
  const route = createRouter({
    requests,
    faults: scenario.faults ?? [],
    users: options.users ?? [DEFAULT_USER],
    windowSeconds: options.timestampWindowSeconds ?? 7200,
    clockSkewSeconds: options.clockSkewSeconds ?? 0,
    context: {
      projects,
      compiler,
      maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES
    },
    sleep: (ms) =>
      new Promise((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer)
          resolve()
        }, ms)
        timers.add(timer)
      }),
    warn
  })

  const server = createServer((req, res) => void route(req, res))
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  const host = options.host ?? '127.0.0.1'
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => resolve(undefined))
  })
  const port = /** @type {import('node:net').AddressInfo} */ (server.address())
    .port

  /** @type {Promise<void> | undefined} */
  let closing
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}${API_ROOT}`,
    port,
    requests,
    project: (id) => {
      const project = projects.get(id)
      if (!project) return undefined
      return new Map([...project.files].map(([name, f]) => [name, f.content]))
    },
    close: () => {
      // Hung and delayed requests are cut off rather than waited for.
      closing ??= new Promise((resolve) => {
        for (const timer of timers) clearTimeout(timer)
        for (const child of children) child.kill('SIGKILL')
        server.close(() => resolve())
        for (const socket of sockets) socket.destroy()
      })
      return closing
    }
  }
}

/**
 * Loads every project, with its own scenario: the one given, or the
 * `scenario.json` in its folder.
 *
 * @param {ProjectSpec[] | undefined} specs
 */
async function loadProjects(specs = []) {
  /** @type {Map<number, import('./projects.mjs').Project>} */
  const projects = new Map()
  /** @type {Map<number, Scenario>} */
  const projectScenarios = new Map()
  for (const spec of specs) {
    if (projects.has(spec.id)) {
      throw new Error(`Project ${spec.id} is given twice`)
    }
    projects.set(spec.id, await loadProject(spec))

    const ownFile = spec.folder && join(spec.folder, 'scenario.json')
    const source =
      spec.scenario ?? (ownFile && existsSync(ownFile) ? ownFile : undefined)
    const own = await loadScenario(source, `project ${spec.id} scenario`)
    if (own.faults) {
      throw new Error(
        `Project ${spec.id} scenario: faults apply to the whole emulator; give them in the emulator scenario`
      )
    }
    projectScenarios.set(spec.id, own)
  }
  return { projects, projectScenarios }
}

/** @param {string[]} argv */
async function main(argv) {
  const commandLine = readCommandLine(argv)
  if (commandLine.help) {
    process.stdout.write(`${USAGE}\n`)
    return
  }

  const emulator = await startEmulator(commandLine.options)
  process.stdout.write(`QuantConnect emulator listening on ${emulator.url}\n`)

  const stop = () => void emulator.close().then(() => process.exit(0))
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

/** Whether this file is the script node was started with. */
function invokedDirectly() {
  try {
    const script = realpathSync(process.argv[1] ?? '')
    return import.meta.url === pathToFileURL(script).href
  } catch {
    return false
  }
}

if (invokedDirectly()) {
  main(process.argv.slice(2)).catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.message : error}\n`)
    process.exit(1)
  })
}
