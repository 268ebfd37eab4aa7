import * as core from '@actions/core'
import { setTimeout as pause } from 'node:timers/promises'
import type { Deadline } from './deadline.js'
import { DeadlineError } from './errors.js'
import { flattenParameters, type DetectedParameter } from './parameters.js'
import { nextPollDelayMs } from './poll-schedule.js'
import {
  CompileCreateAnswer,
  CompileReadAnswer
} from './quantconnect/answers.js'
import type { QuantConnectClient } from './quantconnect/client.js'
import { TransientError } from './quantconnect/errors.js'

export const BUILD_SUCCESS = 'BuildSuccess'
export const BUILD_ERROR = 'BuildError'

/** Time kept for the read that goes out just before the deadline. */
const LAST_READ_MS = 500

/** What one compile came to. */
export interface CompileResult {
  projectId: number
  compileId: string
  /** `BuildSuccess`, `BuildError`, or the last state seen at the deadline. */
  state: string
  signature: string
  parameters: DetectedParameter[]
  logs: string[]
  /** From `compile/create` to the last answer. */
  elapsedMs: number
  /** How many `compile/read` requests it took. */
  reads: number
  /** False when the deadline came before a terminal state. */
  finished: boolean
  /** Why the last failed `compile/read` failed, if one did. */
  lastFailure?: string
}

export interface CompileOptions {
  deadline: Deadline
  /** Told the compile id as soon as it is known (for cancellation messages). */
  onCreated?: (compileId: string) => void
  now?: () => number
  sleep?: (ms: number) => Promise<void>
}

export function isTerminal(state: string): boolean {
  return state === BUILD_SUCCESS || state === BUILD_ERROR
}

/**
 * Creates a compile and reads it until it ends or the deadline comes.
 * Any state but the two terminal ones counts as still running.
 */
export async function compileProject(
  client: QuantConnectClient,
  projectId: number,
  options: CompileOptions
): Promise<CompileResult> {
  const { deadline, now = Date.now, sleep = pause } = options
  const created = await client.post(
    'compile/create',
    { projectId },
    CompileCreateAnswer
  )
  const startedAt = now()
  options.onCreated?.(created.compileId)

  const result: CompileResult = {
    projectId,
    compileId: created.compileId,
    state: created.state || 'InQueue',
    signature: created.signature ?? '',
    parameters: flattenParameters(created.parameters),
    logs: [],
    elapsedMs: 0,
    reads: 0,
    finished: false
  }
  core.info(`Compile ${result.compileId} created: ${result.state}`)

  // A terminal state in the create answer still needs a read for the log.
  while (!result.finished && !deadline.expired) {
    const waitMs = nextPollDelayMs(now() - startedAt)
    // Rather than sleep through the deadline, read once more just before it.
    const lastChance = deadline.remainingMs() - LAST_READ_MS < waitMs
    await sleep(
      lastChance ? Math.max(0, deadline.remainingMs() - LAST_READ_MS) : waitMs
    )

    const read = await readCompile(client, result)
    if (read) {
      result.reads += 1
      result.elapsedMs = now() - startedAt
      const state = read.state || result.state
      if (state !== result.state) {
        core.info(`${state} after ${seconds(result.elapsedMs)}`)
      }
      result.state = state
      result.logs = read.logs
      result.finished = isTerminal(state)
    }
    if (lastChance) {
      break
    }
  }

  result.elapsedMs = now() - startedAt
  return result
}

/**
 * One `compile/read`. A read that fails for a passing reason (the client has
 * already retried it) does not end the compile: polling goes on until the
 * deadline, and the failure is kept for the verdict. Undefined when no
 * answer came.
 */
async function readCompile(
  client: QuantConnectClient,
  result: CompileResult
): Promise<CompileReadAnswer | undefined> {
  try {
    return await client.post(
      'compile/read',
      { projectId: result.projectId, compileId: result.compileId },
      CompileReadAnswer
    )
  } catch (error) {
    if (error instanceof TransientError) {
      result.lastFailure = error.message
      core.info(`${error.message}. Still polling until timeout-seconds.`)
      return undefined
    }
    if (error instanceof DeadlineError) {
      result.lastFailure = error.lastFailure ?? result.lastFailure
      return undefined
    }
    throw error
  }
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`
}
