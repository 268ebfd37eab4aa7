import * as core from '@actions/core'
import type { Dirent } from 'node:fs'
import { readdir, readFile, realpath, stat } from 'node:fs/promises'
import * as path from 'node:path'
import { ActionError } from './errors.js'
import { warn } from './warnings.js'

/** One project source as the cloud project should hold it. */
export interface SourceFile {
  /** The cloud name: the path relative to the project folder, `/`-separated. */
  name: string
  content: string
}

/** The extensions QuantConnect accepts as project files. */
export const SOURCE_EXTENSIONS: readonly string[] = [
  '.py',
  '.cs',
  '.ipynb',
  '.css',
  '.html'
]

/** Build output, caches and local LEAN results: never project sources. */
const SKIPPED_FOLDERS = new Set([
  'bin',
  'obj',
  '__pycache__',
  '.ipynb_checkpoints',
  'backtests',
  'live',
  'optimizations',
  'storage',
  'report',
  'node_modules'
])

/**
 * Every project source under the project folder, sorted by name. Skips the
 * folders QuantConnect's own CLI skips, dot-folders and virtual environments
 * (any folder holding `pyvenv.cfg`). A symbolic link is followed only when
 * it points inside the project folder.
 */
export async function listSources(
  projectFolderAbsolute: string
): Promise<SourceFile[]> {
  const root = await projectRoot(projectFolderAbsolute)
  const found: SourceFile[] = []

  const walk = async (
    folder: string,
    prefix: string,
    ancestors: ReadonlySet<string>
  ): Promise<void> => {
    const entries = await readdir(folder, { withFileTypes: true })
    for (const entry of entries) {
      const name = `${prefix}${entry.name}`
      const target = await resolveEntry(root, folder, entry, name)
      if (!target) {
        continue
      }

      if (target.isFolder) {
        const skipped = await skipReason(target.real, entry.name)
        if (skipped) {
          core.debug(`Not pushing ${name}/: ${skipped}`)
        } else if (ancestors.has(target.real)) {
          core.debug(`Not pushing ${name}/: a link back to a parent folder`)
        } else {
          const inner = new Set(ancestors).add(target.real)
          await walk(target.real, `${name}/`, inner)
        }
      } else if (isSourceName(entry.name)) {
        found.push({ name, content: await readFile(target.real, 'utf8') })
      }
    }
  }

  await walk(root, '', new Set([root]))
  return found.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
}

/** True for a file name with an extension QuantConnect accepts. */
export function isSourceName(fileName: string): boolean {
  return SOURCE_EXTENSIONS.includes(path.extname(fileName))
}

/**
 * True for a cloud name that a push manages: an accepted extension outside
 * the skipped folders and dot-folders. Other cloud files are never deleted,
 * since the repository's copy of them (if any) is never pushed.
 */
export function isManagedName(cloudName: string): boolean {
  const folders = cloudName.split('/').slice(0, -1)
  return (
    isSourceName(cloudName) &&
    !folders.some(
      (folder) => SKIPPED_FOLDERS.has(folder) || folder.startsWith('.')
    )
  )
}

async function projectRoot(folder: string): Promise<string> {
  try {
    const real = await realpath(folder)
    if ((await stat(real)).isDirectory()) {
      return real
    }
  } catch {
    // Reported below, with the same words as a file in its place.
  }
  throw new ActionError(
    `The project folder ${JSON.stringify(folder)} does not exist or is not ` +
      'a folder, so there are no sources to push. Check project-path and ' +
      'that the workflow checks out the repository before this step.'
  )
}

interface Target {
  /** The real path, links resolved. */
  real: string
  isFolder: boolean
}

/** What an entry is, following a link only when it stays inside `root`. */
async function resolveEntry(
  root: string,
  folder: string,
  entry: Dirent,
  name: string
): Promise<Target | undefined> {
  const full = path.join(folder, entry.name)
  // Below a real root and through real folders only, `full` is a real path.
  if (!entry.isSymbolicLink()) {
    if (entry.isDirectory()) {
      return { real: full, isFolder: true }
    }
    return entry.isFile() ? { real: full, isFolder: false } : undefined
  }

  let real: string
  try {
    real = await realpath(full)
  } catch {
    warn(`Not pushing ${name}: it is a broken symbolic link.`)
    return undefined
  }
  const inside = path.relative(root, real)
  if (
    inside === '..' ||
    inside.startsWith(`..${path.sep}`) ||
    path.isAbsolute(inside)
  ) {
    // Following it would publish files from outside the project folder.
    if ((await stat(real)).isDirectory() || isSourceName(entry.name)) {
      warn(
        `Not pushing ${name}: it is a symbolic link to ${real}, outside the ` +
          'project folder. Copy the file into the project folder instead.'
      )
    }
    return undefined
  }
  const info = await stat(real)
  if (info.isDirectory()) {
    return { real, isFolder: true }
  }
  return info.isFile() ? { real, isFolder: false } : undefined
}

/** Why a folder holds no project sources, or undefined if it may. */
async function skipReason(
  folder: string,
  name: string
): Promise<string | undefined> {
  if (SKIPPED_FOLDERS.has(name)) {
    return 'build output, a cache or local results'
  }
  if (name.startsWith('.')) {
    return 'a dot-folder'
  }
  // `venv`, `.venv`, `env` or any other name: pyvenv.cfg marks them all.
  const marker = await stat(path.join(folder, 'pyvenv.cfg')).catch(
    () => undefined
  )
  return marker?.isFile() ? 'a Python virtual environment' : undefined
}
