import * as path from 'node:path'
import type { ProjectFile } from './quantconnect/answers.js'
import { isManagedName, type SourceFile } from './sources.js'

/** What a push did, each list sorted by cloud name. */
export interface PushReport {
  created: string[]
  updated: string[]
  deleted: string[]
  unchanged: string[]
  /** Files of a linked library project, left alone. */
  skippedLibrary: string[]
}

export type Change =
  | { kind: 'created' | 'updated'; name: string; content: string }
  | { kind: 'deleted'; name: string }

/** The requests a push needs, and the report it will make. */
export interface PushPlan {
  changes: Change[]
  report: PushReport
}

const PLACEHOLDER = 'Empty in the repository; QuantConnect refuses empty files.'

/** An empty notebook Jupyter opens: JSON cannot carry a comment. */
const EMPTY_NOTEBOOK =
  JSON.stringify(
    { cells: [], metadata: {}, nbformat: 4, nbformat_minor: 5 },
    null,
    1
  ) + '\n'

/**
 * The content to upload for a repository file. The API refuses empty
 * content, so an empty file goes up as a one-line comment in its own
 * language; comparing with this, a second push sees it unchanged.
 */
export function uploadContent(name: string, content: string): string {
  if (content !== '') {
    return content
  }
  switch (path.posix.extname(name).toLowerCase()) {
    case '.py':
      return `# ${PLACEHOLDER}\n`
    case '.cs':
      return `// ${PLACEHOLDER}\n`
    case '.css':
      return `/* ${PLACEHOLDER} */\n`
    case '.html':
      return `<!-- ${PLACEHOLDER} -->\n`
    case '.ipynb':
      return EMPTY_NOTEBOOK
    default:
      return `${PLACEHOLDER}\n`
  }
}

/**
 * Compares the cloud files with the repository's sources: what to create,
 * update and delete so that the cloud holds exactly the sources. Library
 * files are never touched, even when the repository has a file of that name.
 */
export function planPush(
  cloudFiles: readonly ProjectFile[],
  sources: readonly SourceFile[]
): PushPlan {
  const cloud = new Map(cloudFiles.map((file) => [cloudName(file.name), file]))
  const wanted = new Set(sources.map((source) => source.name))
  const changes: Change[] = []
  const report: PushReport = {
    created: [],
    updated: [],
    deleted: [],
    unchanged: [],
    skippedLibrary: []
  }

  for (const source of sources) {
    const content = uploadContent(source.name, source.content)
    const existing = cloud.get(source.name)
    if (existing?.isLibrary) {
      continue
    }
    const kind = !existing
      ? 'created'
      : existing.content === content
        ? 'unchanged'
        : 'updated'
    report[kind].push(source.name)
    if (kind !== 'unchanged') {
      changes.push({ kind, name: source.name, content })
    }
  }

  for (const [name, file] of cloud) {
    if (file.isLibrary) {
      report.skippedLibrary.push(name)
    } else if (!wanted.has(name) && isManagedName(name)) {
      report.deleted.push(name)
      // The cloud's own spelling of the name, in case it differs from ours.
      changes.push({ kind: 'deleted', name: file.name })
    }
  }

  for (const list of Object.values(report)) {
    list.sort(byName)
  }
  return { changes, report }
}

function cloudName(name: string): string {
  return name.replace(/\\/g, '/').replace(/^\/+/, '')
}

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
