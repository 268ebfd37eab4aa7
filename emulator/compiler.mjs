/**
 * Compiles: the result is worked out from the project's files at
 * `compile/create` time and shown by `compile/read` once the compile time
 * has passed.
 */

import { createHash, randomBytes } from 'node:crypto'
import { checkPython } from './python-check.mjs'

export const LEAN_VERSION = '2.5.0.0.17369'

/**
 * @typedef {import('./projects.mjs').Project} Project
 * @typedef {import('./scenario.mjs').CompileOverride} CompileOverride
 * @typedef {import('./python-check.mjs').FileParameters} FileParameters
 * @typedef {'BuildSuccess' | 'BuildError' | 'InQueue'} CompileState
 * @typedef {{
 *   state: CompileState, errorLines: string[], parameters: FileParameters[]
 * }} CompileOutcome
 * @typedef {{
 *   compileId: string, projectId: number, createdAt: number,
 *   readyAt: number, state: CompileState, logs: string[]
 * }} CompileJob
 * @typedef {{
 *   python: string,
 *   compileSeconds: (project: Project) => number,
 *   override: (project: Project) => CompileOverride | undefined,
 *   children: Set<import('node:child_process').ChildProcess>,
 *   warn: (line: string) => void
 * }} CompilerOptions
 */

/** A compile id in the real shape: two 32-hex halves joined by '-'. */
export function newCompileId() {
  return `${randomBytes(16).toString('hex')}-${randomBytes(16).toString('hex')}`
}

/**
 * @param {CompilerOptions} options
 */
export function createCompiler(options) {
  /** @type {Map<string, CompileJob>} */
  const jobs = new Map()
  let warnedNoPython = false

  /**
   * Starts a compile of the project's current files.
   *
   * @param {Project} project
   */
  async function create(project) {
    const createdAt = Date.now()
    const compileId = newCompileId()
    const names = [...project.files.keys()].sort()
    const files = names.map((name) => ({
      name,
      content: /** @type {{ content: string }} */ (project.files.get(name))
        .content
    }))

    const outcome = await compileFiles(project, files)
    const override = options.override(project) ?? {}
    const state = override.state ?? outcome.state
    const header = `Build Request Successful for Project ID: ${project.id}, with CompileID: ${compileId}, Lean Version: ${LEAN_VERSION}`
    const logs = override.logs
      ? override.logs.map((line) => fillIn(line, project.id, compileId))
      : [header, ...defaultLogs(state, outcome.errorLines)]

    jobs.set(compileId, {
      compileId,
      projectId: project.id,
      createdAt,
      readyAt: createdAt + options.compileSeconds(project) * 1000,
      state,
      logs
    })
    return {
      compileId,
      state: 'InQueue',
      parameters: override.parameters ?? outcome.parameters,
      projectId: project.id,
      signature: signatureOf(files),
      signatureOrder: names
    }
  }

  /**
   * The compile as `compile/read` shows it, or undefined when unknown.
   *
   * @param {number} projectId
   * @param {string} compileId
   */
  function read(projectId, compileId) {
    const job = jobs.get(compileId)
    if (!job || job.projectId !== projectId) return undefined
    const done = job.state !== 'InQueue' && Date.now() >= job.readyAt
    return done
      ? { compileId, state: job.state, logs: job.logs }
      : { compileId, state: 'InQueue', logs: [] }
  }

  /**
   * @param {Project} project
   * @param {{ name: string, content: string }[]} files
   * @returns {Promise<CompileOutcome>}
   */
  async function compileFiles(project, files) {
    /** @type {CompileOutcome} */
    const accepted = { state: 'BuildSuccess', errorLines: [], parameters: [] }
    // C# is never compiled here: only a scenario can make it fail.
    if (project.language !== 'Py') return accepted

    const report = await checkPython(options.python, files, options.children)
    if (report === null) {
      if (!warnedNoPython) {
        warnedNoPython = true
        options.warn(
          `QuantConnect emulator: cannot run "${options.python}"; Python files are accepted unchecked and no parameters are detected.`
        )
      }
      return accepted
    }
    const errorLines = report.errors.map(
      (e) =>
        `Build Error File: ${e.file} Line:${e.line} Column:${e.column} - ${e.message}`
    )
    return {
      state: errorLines.length > 0 ? 'BuildError' : 'BuildSuccess',
      errorLines,
      parameters: report.parameters
    }
  }

  return { create, read }
}

/**
 * The build log after the first line, when no scenario gives one.
 *
 * @param {CompileState} state
 * @param {string[]} errorLines
 */
function defaultLogs(state, errorLines) {
  if (state === 'BuildSuccess') return ['Build Success']
  if (state === 'BuildError') {
    return errorLines.length > 0
      ? errorLines
      : ['Build Error: the emulator scenario forced this build to fail']
  }
  return []
}

/**
 * The signature: SHA-256 of the file contents in signature order.
 *
 * @param {{ content: string }[]} files in signature order
 */
function signatureOf(files) {
  const hash = createHash('sha256')
  for (const file of files) hash.update(file.content)
  return hash.digest('hex')
}

/**
 * Scenario build logs may name the project and compile with placeholders.
 *
 * @param {string} line
 * @param {number} projectId
 * @param {string} compileId
 */
function fillIn(line, projectId, compileId) {
  return line
    .replaceAll('{projectId}', String(projectId))
    .replaceAll('{compileId}', compileId)
    .replaceAll('{leanVersion}', LEAN_VERSION)
}
