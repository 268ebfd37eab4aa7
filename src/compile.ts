import * as core from '@actions/core'
import type { Deadline } from './deadline.js'
import { DeadlineError } from './errors.js'
import { flattenParameters, type DetectedParameter } from './parameters.js'
import { nextPollDelayMs } from './poll-schedule.js'
import {
  CompileCreateAnswer,
  CompileReadAnswer
} from './quantconnect/answers.js'
import type { QuantConnectClient } from './quantconnect/client.js'

export const BUILD_SUCCESS = 'BuildSuccess'
export const BUILD_ERROR = 'BuildError'

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
  const { deadline, now = Date.now, sleep = defaultSleep } = options
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
  while (!result.finished) {
    const waitMs = nextPollDelayMs(now() - startedAt)
    if (deadline.remainingMs() <= waitMs) {
      await sleep(deadline.remainingMs())
      break
    }
    await sleep(waitMs)

    let read: CompileReadAnswer
    try {
      read = await client.post(
        'compile/read',
        { projectId, compileId: result.compileId },
        CompileReadAnswer
      )
    } catch (error) {
      if (error instanceof DeadlineError) {
        break
      }
      throw error
    }

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

  result.elapsedMs = now() - startedAt
  return result
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
