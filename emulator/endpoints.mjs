/**
 * The API endpoints the emulator answers, as plain functions of a parsed
 * body and the emulator's state.
 */

import { ok, refuse } from './http.mjs'
import { cloudTime, describeFile, describeProject } from './projects.mjs'

/**
 * @typedef {import('./projects.mjs').Project} Project
 * @typedef {{
 *   projects: Map<number, Project>,
 *   compiler: ReturnType<typeof import('./compiler.mjs').createCompiler>,
 *   userId: string,
 *   maxFileBytes: number
 * }} Context
 * @typedef {(body: Record<string, any>, ctx: Context) => unknown} Handler
 */

/** An answer with a status other than 200. */
export class Answer {
  /** @param {number} status @param {unknown} body */
  constructor(status, body) {
    this.status = status
    this.body = body
  }
}

/**
 * Endpoint name -> handler. `get: true` also accepts GET with query params.
 *
 * @type {Record<string, { handle: Handler, get?: boolean }>}
 */
export const ENDPOINTS = {
  authenticate: { handle: () => ok() },
  'projects/read': { handle: readProjects },
  'files/read': { handle: (body, ctx) => withProject(body, ctx, readFiles) },
  'files/create': { handle: (body, ctx) => withProject(body, ctx, createFile) },
  'files/update': { handle: (body, ctx) => withProject(body, ctx, updateFile) },
  'files/delete': { handle: (body, ctx) => withProject(body, ctx, deleteFile) },
  'compile/create': {
    handle: (body, ctx) =>
      withProject(body, ctx, async (project) =>
        ok(await ctx.compiler.create(project))
      )
  },
  'compile/read': {
    get: true,
    handle: (body, ctx) => withProject(body, ctx, readCompile)
  }
}

/** @type {Handler} */
function readProjects(body, ctx) {
  if (body.projectId === undefined) {
    const all = [...ctx.projects.values()]
    return ok({ projects: all.map((p) => describeProject(p, ctx.userId)) })
  }
  return withProject(body, ctx, (project) =>
    ok({ projects: [describeProject(project, ctx.userId)], versions: [] })
  )
}

/**
 * Finds the project a call names, or refuses the call.
 *
 * @param {Record<string, any>} body
 * @param {Context} ctx
 * @param {(project: Project, body: Record<string, any>, ctx: Context) => unknown} then
 */
function withProject(body, ctx, then) {
  const id = body.projectId
  if (id === undefined || id === null || id === '') {
    return refuse('projectId is required')
  }
  const project = /^\d+$/.test(String(id))
    ? ctx.projects.get(Number(id))
    : undefined
  if (!project) {
    return refuse(
      `Project not found or you do not have access. Project ID: ${id}`
    )
  }
  return then(project, body, ctx)
}

/** @param {Project} project @param {Record<string, any>} body */
function readFiles(project, body) {
  if (body.name === undefined) {
    const files = [...project.files].map(([name, file]) =>
      describeFile(project, name, file)
    )
    return ok({ files })
  }
  const file = project.files.get(String(body.name))
  if (!file) return refuse(`File not found: ${body.name}`)
  return ok({ files: [describeFile(project, String(body.name), file)] })
}

/** @param {Project} project @param {Record<string, any>} body @param {Context} ctx */
function createFile(project, body, ctx) {
  const problem = checkName(body.name) ?? checkContent(body, ctx)
  if (problem) return problem
  if (project.files.has(body.name)) {
    return refuse(`File already exists: ${body.name}`)
  }
  if (body.content === '') {
    return refuse(
      `File content cannot be empty. Please add content to ${body.name} before saving it.`
    )
  }
  const file = { content: body.content, modified: cloudTime() }
  project.files.set(body.name, file)
  project.modified = file.modified
  return ok({ files: [describeFile(project, body.name, file)] })
}

/** @param {Project} project @param {Record<string, any>} body @param {Context} ctx */
function updateFile(project, body, ctx) {
  const problem = checkName(body.name)
  if (problem) return problem
  const file = project.files.get(body.name)
  if (!file) return refuse(`File not found: ${body.name}`)
  const now = cloudTime()

  if (body.newName !== undefined) {
    const renameProblem = checkName(body.newName)
    if (renameProblem) return renameProblem
    if (project.files.has(body.newName)) {
      return refuse(`File already exists: ${body.newName}`)
    }
    project.files.delete(body.name)
    project.files.set(body.newName, file)
  }
  if (body.content !== undefined) {
    const contentProblem = checkContent(body, ctx)
    if (contentProblem) return contentProblem
    file.content = body.content
  }
  file.modified = now
  project.modified = now
  return ok()
}

/** @param {Project} project @param {Record<string, any>} body */
function deleteFile(project, body) {
  const problem = checkName(body.name)
  if (problem) return problem
  if (!project.files.delete(body.name)) {
    return refuse(`File not found: ${body.name}`)
  }
  project.modified = cloudTime()
  return ok()
}

/** @param {Project} project @param {Record<string, any>} body @param {Context} ctx */
function readCompile(project, body, ctx) {
  const compileId = String(body.compileId ?? '')
  if (compileId === '') return refuse('compileId is required')
  const compile = ctx.compiler.read(project.id, compileId)
  if (!compile) {
    return refuse(`Compile id not found: ${compileId}`)
  }
  return ok(compile)
}

/**
 * A cloud file name: relative, forward slashes, no `..` or empty parts.
 *
 * @param {unknown} name
 */
function checkName(name) {
  if (typeof name !== 'string' || name.trim() === '') {
    return refuse('name is required')
  }
  const parts = name.split('/')
  const bad = parts.some((part) => part === '' || part === '.' || part === '..')
  if (bad || name.includes('\\')) {
    return refuse(`Invalid file name: ${name}`)
  }
  return undefined
}

/** @param {Record<string, any>} body @param {Context} ctx */
function checkContent(body, ctx) {
  if (typeof body.content !== 'string') return refuse('content is required')
  const size = Buffer.byteLength(body.content)
  if (size > ctx.maxFileBytes) {
    return new Answer(
      413,
      refuse(
        `File ${body.name} is ${size} bytes, over the ${ctx.maxFileBytes} bytes allowed per file.`
      )
    )
  }
  return undefined
}
