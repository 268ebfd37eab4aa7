import * as core from '@actions/core'
import pLimit from 'p-limit'
import { ActionError, errorMessage } from './errors.js'
import { planPush, type Change, type PushReport } from './push-plan.js'
import { FilesReadAnswer, PlainAnswer } from './quantconnect/answers.js'
import { ApiError } from './quantconnect/errors.js'
import type { QuantConnectClient } from './quantconnect/client.js'
import type { SourceFile } from './sources.js'
import { warn } from './warnings.js'

export type { PushReport } from './push-plan.js'
export { planPush, uploadContent } from './push-plan.js'

export interface PushOptions {
  /** How many file requests may run at once; 4 unless told. */
  concurrency?: number
}

/** A push stopped: names the file, the project and the reason. */
export class PushError extends ActionError {
  override name = 'PushError'

  constructor(
    message: string,
    /** The cloud name of the file that failed; undefined for the listing. */
    readonly file: string | undefined,
    options?: ErrorOptions
  ) {
    super(message, options)
  }
}

/**
 * Makes project `projectId` hold exactly `sources`: reads its files once,
 * then creates, updates and deletes what differs, a few requests at a time.
 * Creates and updates go first, so a push that stops part way leaves stale
 * files behind rather than missing ones.
 */
export async function pushSources(
  client: QuantConnectClient,
  projectId: number,
  sources: SourceFile[],
  options: PushOptions = {}
): Promise<PushReport> {
  if (sources.length === 0) {
    throw new PushError(
      'The project folder holds no .py, .cs, .ipynb, .css or .html files; ' +
        `pushing would empty project ${projectId}. Check project-path. ` +
        'Nothing was pushed or compiled.',
      undefined
    )
  }

  let listing: FilesReadAnswer
  try {
    listing = await client.post('files/read', { projectId }, FilesReadAnswer)
  } catch (error) {
    throw new PushError(
      `Reading the files of project ${projectId} failed: ` +
        `${sentence(errorMessage(error))}. Nothing was pushed or compiled.`,
      undefined,
      { cause: error }
    )
  }
  core.debug(
    `Project ${projectId} holds ${listing.files.length} files; ` +
      `the repository has ${sources.length} sources.`
  )

  const { changes, report } = planPush(listing.files, sources)
  for (const name of report.skippedLibrary) {
    core.debug(`Leaving library file ${name} alone.`)
  }
  const library = new Set(report.skippedLibrary)
  for (const source of sources) {
    if (library.has(source.name)) {
      warn(
        `Not pushing ${source.name}: in project ${projectId} it belongs to a ` +
          'linked library project. Change it in the library project.'
      )
    }
  }

  const limit = pLimit(options.concurrency ?? 4)
  let failure: { change: Change; error: unknown } | undefined
  let done = 0
  const send = (change: Change) =>
    limit(async () => {
      // After the first failure, queued requests are dropped, not sent.
      if (failure) {
        return
      }
      try {
        await apply(client, projectId, change)
        done += 1
        core.info(`${change.kind} ${change.name}`)
      } catch (error) {
        failure ??= { change, error }
      }
    })

  const writes = changes.filter((change) => change.kind !== 'deleted')
  const deletes = changes.filter((change) => change.kind === 'deleted')
  await Promise.all(writes.map(send))
  if (!failure) {
    await Promise.all(deletes.map(send))
  }
  if (failure) {
    const { change, error } = failure
    const partial =
      done > 0
        ? ` ${done} of ${changes.length} changes were made before the push ` +
          'stopped; the next push makes the rest.'
        : ''
    throw new PushError(
      `Pushing ${change.name} to project ${projectId} failed: ` +
        `${sentence(errorMessage(error))}. Nothing was compiled.${partial}`,
      change.name,
      { cause: error }
    )
  }

  core.info(
    `Pushed to project ${projectId}: ${report.created.length} created, ` +
      `${report.updated.length} updated, ${report.deleted.length} deleted, ` +
      `${report.unchanged.length} unchanged, ` +
      `${report.skippedLibrary.length} library files left alone.`
  )
  return report
}

/**
 * Makes one change. A create whose first try reached QuantConnect but lost
 * its answer is retried and refused as existing: the file is then updated.
 */
async function apply(
  client: QuantConnectClient,
  projectId: number,
  change: Change
): Promise<void> {
  try {
    await client.post(...request(projectId, change), PlainAnswer)
  } catch (error) {
    const exists =
      change.kind === 'created' &&
      error instanceof ApiError &&
      /already exist/i.test(error.message)
    if (!exists) {
      throw error
    }
    await client.post(
      ...request(projectId, { ...change, kind: 'updated' }),
      PlainAnswer
    )
  }
}

/** The endpoint and body that make one change. */
function request(projectId: number, change: Change): [string, object] {
  switch (change.kind) {
    case 'created':
      return ['files/create', { projectId, ...nameAndContent(change) }]
    case 'updated':
      return ['files/update', { projectId, ...nameAndContent(change) }]
    case 'deleted':
      return ['files/delete', { projectId, name: change.name }]
  }
}

function nameAndContent(change: { name: string; content: string }) {
  return { name: change.name, content: change.content }
}

/** A message without its closing full stop, to go inside a sentence. */
function sentence(text: string): string {
  return text.trim().replace(/\.+$/, '')
}
