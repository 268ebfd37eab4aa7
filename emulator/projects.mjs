/**
 * Cloud projects held in memory: loaded once from folders on disk, then
 * changed only through the files endpoints.
 */

import { readdir, readFile } from 'node:fs/promises'
import { basename, join, resolve } from 'node:path'

/** The file types the official CLI pushes to a cloud project. */
const PROJECT_FILE = /\.(py|cs|ipynb|css|html)$/i

/** Folders the official CLI never pushes. */
const SKIPPED_FOLDERS = new Set([
  '__pycache__',
  'bin',
  'obj',
  'backtests',
  'live',
  'optimizations',
  'storage',
  'report',
  'venv',
  'node_modules'
])

/**
 * @typedef {{ name: string, content: string }} FileSpec
 * @typedef {{ content: string, modified: string }} StoredFile
 * @typedef {{
 *   id: number, folder?: string, name?: string, language?: 'Py' | 'C#',
 *   files?: FileSpec[], scenario?: object | string
 * }} ProjectSpec
 * @typedef {{
 *   id: number, name: string, language: 'Py' | 'C#', created: string,
 *   modified: string, files: Map<string, StoredFile>
 * }} Project
 */

/**
 * QuantConnect's time format: `2024-01-03 14:05:09`.
 *
 * @param {Date} [date]
 */
export function cloudTime(date = new Date()) {
  return date.toISOString().slice(0, 19).replace('T', ' ')
}

/**
 * Builds a project from its folder and inline files (inline files win).
 *
 * @param {ProjectSpec} spec
 * @returns {Promise<Project>}
 */
export async function loadProject(spec) {
  if (!Number.isInteger(spec.id) || spec.id <= 0) {
    throw new Error(`Project id must be a positive integer, got ${spec.id}`)
  }
  const now = cloudTime()
  /** @type {Map<string, StoredFile>} */
  const files = new Map()
  if (spec.folder) {
    for (const file of await readProjectFolder(spec.folder)) {
      files.set(file.name, { content: file.content, modified: now })
    }
  }
  for (const file of spec.files ?? []) {
    files.set(file.name, { content: file.content, modified: now })
  }

  return {
    id: spec.id,
    name: spec.name ?? (spec.folder ? basename(resolve(spec.folder)) : ''),
    language: spec.language ?? guessLanguage([...files.keys()]),
    created: now,
    modified: now,
    files
  }
}

/**
 * Every project file below a folder, named as the cloud names it: relative
 * to the folder, with forward slashes.
 *
 * @param {string} folder
 * @returns {Promise<FileSpec[]>}
 */
export async function readProjectFolder(folder) {
  /** @type {FileSpec[]} */
  const found = []

  /** @param {string} dir @param {string} prefix */
  async function walk(dir, prefix) {
    const entries = await readdir(dir, { withFileTypes: true })
    entries.sort((a, b) => (a.name < b.name ? -1 : 1))
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue
      const path = join(dir, entry.name)
      const name = prefix + entry.name
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) await walk(path, `${name}/`)
      } else if (entry.isFile() && PROJECT_FILE.test(entry.name)) {
        found.push({ name, content: await readFile(path, 'utf8') })
      }
    }
  }

  await walk(folder, '')
  return found
}

/**
 * @param {string[]} names
 * @returns {'Py' | 'C#'}
 */
function guessLanguage(names) {
  return names.some((name) => name.endsWith('.cs')) ? 'C#' : 'Py'
}

/**
 * The `projects/read` shape of a project.
 *
 * @param {Project} project
 * @param {string} ownerId
 */
export function describeProject(project, ownerId) {
  return {
    projectId: project.id,
    organizationId: 'emulator',
    name: project.name,
    description: '',
    modified: project.modified,
    created: project.created,
    ownerId: Number(ownerId) || 0,
    language: project.language,
    collaborators: [],
    leanVersionId: 17369,
    leanPinnedToMaster: true,
    owner: true,
    parameters: [],
    libraries: [],
    isAlphaStreamDeployment: 0
  }
}

/**
 * The `files/read` shape of one file.
 *
 * @param {Project} project
 * @param {string} name
 * @param {StoredFile} file
 */
export function describeFile(project, name, file) {
  return {
    id: fileId(project.id, name),
    projectId: project.id,
    name,
    content: file.content,
    modified: file.modified,
    open: false,
    isLibrary: false
  }
}

/**
 * A stable numeric id per project and file name.
 *
 * @param {number} projectId
 * @param {string} name
 */
function fileId(projectId, name) {
  let hash = projectId
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) >>> 0
  return hash
}
