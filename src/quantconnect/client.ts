import * as core from '@actions/core'
import { setTimeout as sleep } from 'node:timers/promises'
import { HttpClient } from '@actions/http-client'
import pRetry from 'p-retry'
import type { z } from 'zod'
import { Deadline } from '../deadline.js'
import { DeadlineError } from '../errors.js'
import { ApiError, TransientError } from './errors.js'
import { readAnswer, type RawAnswer } from './responses.js'
import { signRequest } from './signing.js'

export interface ClientOptions {
  /** The API root, without a trailing slash. */
  baseUrl: string
  userId: string
  apiToken: string
  deadline: Deadline
  /** The longest one request may take before it counts as lost. */
  requestTimeoutMs?: number
  /** How many times a transient failure is tried again. */
  retries?: number
  /** The first pause before a retry; later ones grow, with jitter. */
  retryDelayMs?: number
}

const USER_AGENT = 'quantconnect-compile-action'

/**
 * The one way to talk to QuantConnect: signs each request afresh, bounds it
 * by its own timeout and the step's deadline, retries what is transient and
 * turns every answer into a typed answer or a typed error.
 */
export class QuantConnectClient {
  private readonly http: HttpClient
  private readonly options: Required<ClientOptions>

  constructor(options: ClientOptions) {
    this.options = {
      requestTimeoutMs: 30_000,
      retries: 4,
      retryDelayMs: 1_000,
      ...options
    }
    this.http = new HttpClient(USER_AGENT, [], {
      keepAlive: true,
      allowRetries: false,
      allowRedirects: false,
      socketTimeout: this.options.requestTimeoutMs
    })
  }

  /** POSTs `body` to `endpoint` and reads the answer with `shape`. */
  async post<S extends z.ZodType>(
    endpoint: string,
    body: object,
    shape: S
  ): Promise<z.output<S>> {
    const { deadline, retries, retryDelayMs } = this.options
    let tries = 0
    let lastFailure: TransientError | undefined
    try {
      return await pRetry(() => this.attempt(endpoint, body, shape), {
        retries,
        minTimeout: retryDelayMs,
        maxTimeout: 10 * retryDelayMs,
        randomize: true,
        // No pause between tries may run past the deadline.
        maxRetryTime: deadline.remainingMs(),
        shouldRetry: ({ error }) =>
          error instanceof TransientError && !deadline.expired,
        onFailedAttempt: async ({ error, retriesLeft }) => {
          if (!(error instanceof TransientError)) {
            return
          }
          tries += 1
          lastFailure = error
          // No retry follows when the tries or the time are used up.
          if (retriesLeft === 0 || deadline.expired) {
            return
          }
          core.info(`${error.message}. Trying again (${retriesLeft} left).`)
          if (error.retryAfterMs !== undefined) {
            await sleep(Math.min(error.retryAfterMs, deadline.remainingMs()))
          }
        }
      })
    } catch (error) {
      const outOfTime =
        error instanceof DeadlineError ||
        (error instanceof TransientError && tries <= retries)
      if (outOfTime) {
        throw new DeadlineError(
          unansweredInTime(endpoint, deadline, lastFailure),
          lastFailure?.message
        )
      }
      if (error instanceof TransientError) {
        throw new TransientError(
          `${error.message}, ${tries} times in a row. QuantConnect, or the ` +
            'network or proxy in between, is unavailable: re-run the job ' +
            "later; if it persists, check QuantConnect's status and the " +
            "runner's proxy settings.",
          endpoint
        )
      }
      throw error
    }
  }

  /** Closes kept-alive connections so nothing holds the process open. */
  dispose(): void {
    this.http.dispose()
  }

  private async attempt<S extends z.ZodType>(
    endpoint: string,
    body: object,
    shape: S
  ): Promise<z.output<S>> {
    const { deadline, requestTimeoutMs, baseUrl, userId, apiToken } =
      this.options
    const budgetMs = Math.min(requestTimeoutMs, deadline.remainingMs())
    if (budgetMs <= 0) {
      throw new DeadlineError(`No time left to call ${endpoint}.`)
    }

    const headers = {
      ...signRequest(userId, apiToken),
      'Content-Type': 'application/json',
      Accept: 'application/json'
    }
    const exchange = this.http
      .post(`${baseUrl}/${endpoint}`, JSON.stringify(body), headers)
      .then(async (response): Promise<RawAnswer> => ({
        status: response.message.statusCode ?? 0,
        headers: response.message.headers,
        body: await response.readBody()
      }))
    const lastsToDeadline = budgetMs < requestTimeoutMs
    const raw = await withinBudget(
      exchange,
      budgetMs,
      endpoint,
      lastsToDeadline
    )
    core.debug(`${endpoint}: HTTP ${raw.status}, ${raw.body.length} bytes`)

    const answer = readAnswer(endpoint, raw, [apiToken])
    const parsed = shape.safeParse(answer)
    if (!parsed.success) {
      throw unreadable(endpoint, parsed.error)
    }
    return parsed.data
  }
}

/** Waits for the exchange, or fails when its time is up. */
async function withinBudget<T>(
  exchange: Promise<T>,
  budgetMs: number,
  endpoint: string,
  lastsToDeadline: boolean
): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(
        lastsToDeadline
          ? new DeadlineError(`${endpoint} was unanswered at the deadline.`)
          : new TransientError(
              `${endpoint} sent no answer within ${budgetMs / 1000} s`,
              endpoint
            )
      )
    }, budgetMs)
  })
  try {
    return await Promise.race([
      exchange.catch(lostConnection(endpoint)),
      timeout
    ])
  } finally {
    clearTimeout(timer)
    // A lost race leaves the request running; its failure is not news.
    exchange.catch(() => undefined)
  }
}

/** Why `endpoint` had no usable answer when timeout-seconds ran out. */
function unansweredInTime(
  endpoint: string,
  deadline: Deadline,
  lastFailure: TransientError | undefined
): string {
  const limit = `timeout-seconds (${deadline.totalMs / 1000})`
  const what = lastFailure
    ? `QuantConnect gave no usable answer to ${endpoint} within ${limit}; ` +
      `the last try: ${lastFailure.message}.`
    : `QuantConnect did not answer ${endpoint} within ${limit}.`
  return (
    `${what} Re-run the job later or raise timeout-seconds; if it ` +
    "persists, check QuantConnect's status and the runner's network."
  )
}

function lostConnection(endpoint: string) {
  return (error: unknown): never => {
    const reason = error instanceof Error ? error.message : String(error)
    throw new TransientError(
      `${endpoint} could not be reached (${reason})`,
      endpoint
    )
  }
}

function unreadable(endpoint: string, error: z.ZodError): Error {
  const fields = error.issues
    .map((issue) => issue.path.join('.') || '(answer)')
    .join(', ')
  return new ApiError(
    `QuantConnect's ${endpoint} answer reported success but lacks ${fields}; ` +
      'the API may have changed: please report it with the run log.',
    endpoint
  )
}
