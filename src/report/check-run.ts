import * as core from '@actions/core'
import type { getOctokit } from '@actions/github'
import { errorMessage } from '../errors.js'
import type { Finding } from '../findings.js'
import { ANNOTATIONS_PER_REQUEST, toCheckOutput } from './check-output.js'
import { readCheckTarget, type CheckTarget } from './check-target.js'
import { warn } from '../warnings.js'

/** A hung API must not hold the step: the check run is a report, not the verdict. */
const REQUEST_TIMEOUT_MS = 30_000

const FALLBACK =
  'The findings are shown as workflow-command annotations instead.'
const PERMISSION_HINT =
  'To get the check run, give the job `permissions: checks: write`. ' +
  'Pull requests from forks always fall back: their token is read-only.'

type Octokit = ReturnType<typeof getOctokit>

export interface CheckRunOptions {
  /** The token for the checks API (`github-token`). */
  token: string
  /** The check run's name (`check-name`). */
  name: string
  env?: NodeJS.ProcessEnv
  /** Replaces Octokit's fetch; tests answer requests with it. */
  fetch?: typeof fetch
}

export interface CheckRunResult {
  conclusion: 'success' | 'failure'
  title: string
  summary: string
  findings: readonly Finding[]
}

/** A check run in progress on the pull request's head commit. */
export interface CheckRun {
  readonly id: number
  /**
   * Completes the check run with every placed finding as an annotation and
   * the rest listed in its text. False when GitHub refused or failed: the
   * caller then emits workflow-command annotations instead.
   */
  complete(result: CheckRunResult): Promise<boolean>
}

/**
 * Creates the check run `name` in progress. Undefined, after one warning,
 * when it cannot: the check run never fails the step.
 */
export async function startCheckRun(
  options: CheckRunOptions
): Promise<CheckRun | undefined> {
  const { token, name, env = process.env } = options
  let target: CheckTarget
  try {
    if (!token) {
      throw new Error("input 'github-token' is empty.")
    }
    target = readCheckTarget(env)
  } catch (error) {
    warn(`Check run '${name}' not created: ${errorMessage(error)} ${FALLBACK}`)
    return undefined
  }

  try {
    // Loaded here so that runs without a check run never load Octokit.
    const { getOctokit } = await import('@actions/github')
    const octokit = getOctokit(token, {
      // Passed explicitly: @actions/github reads it once, at load.
      baseUrl: env.GITHUB_API_URL || 'https://api.github.com',
      log: {
        debug: core.debug,
        info: core.debug,
        warn: core.debug,
        error: core.debug
      },
      // Only when given: it replaces the proxy-aware default request options.
      ...(options.fetch ? { request: { fetch: options.fetch } } : {})
    })
    const created = await octokit.rest.checks.create({
      owner: target.owner,
      repo: target.repo,
      name,
      head_sha: target.headSha,
      status: 'in_progress',
      request: { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }
    })
    core.info(`Created check run '${name}'.`)
    return new GitHubCheckRun(octokit, target, name, created.data.id, token)
  } catch (error) {
    warnFallback(`Could not create check run '${name}'`, error, token)
    return undefined
  }
}

class GitHubCheckRun implements CheckRun {
  constructor(
    private readonly octokit: Octokit,
    private readonly target: CheckTarget,
    private readonly name: string,
    readonly id: number,
    private readonly token: string
  ) {}

  async complete(result: CheckRunResult): Promise<boolean> {
    const { output, annotations, unplaced } = toCheckOutput(
      result.title,
      result.summary,
      result.findings
    )

    // The first update completes the run, so the conclusion shows even if a
    // later batch of annotations fails.
    let sent = 0
    try {
      do {
        const batch = annotations.slice(sent, sent + ANNOTATIONS_PER_REQUEST)
        await this.octokit.rest.checks.update({
          owner: this.target.owner,
          repo: this.target.repo,
          check_run_id: this.id,
          ...(sent === 0
            ? { status: 'completed' as const, conclusion: result.conclusion }
            : {}),
          // GitHub wants the title and summary with every update; the text
          // is repeated too, so that no update can clear it.
          output: batch.length > 0 ? { ...output, annotations: batch } : output,
          request: { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }
        })
        sent += ANNOTATIONS_PER_REQUEST
      } while (sent < annotations.length)
    } catch (error) {
      // A failed first update leaves the run in progress: the API gives no
      // other way to end it, and GitHub marks it stale only after 14 days.
      const what =
        sent === 0
          ? `Could not complete check run '${this.name}'`
          : `Check run '${this.name}' holds only ${sent} of ` +
            `${annotations.length} annotations`
      warnFallback(what, error, this.token)
      return false
    }

    core.info(
      `Completed check run '${this.name}': ${result.conclusion}, ` +
        `${annotations.length} annotations, ${unplaced} findings ` +
        'listed in its text.'
    )
    return true
  }
}

function warnFallback(what: string, error: unknown, token: string): void {
  const status = answeredStatus(error)
  const reason =
    status === undefined
      ? `the request failed (${errorMessage(error)})`
      : `GitHub answered ${status} (${errorMessage(error)})`
  const hint = status === 403 || status === 404 ? ` ${PERMISSION_HINT}` : ''
  // Octokit redacts the token from its errors; this makes sure of it.
  const message = `${what}: ${reason}. ${FALLBACK}${hint}`
  warn(token ? message.split(token).join('***') : message)
}

/** The HTTP status when GitHub answered; undefined when no answer came. */
function answeredStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) {
    return undefined
  }
  const { status, response } = error as { status?: unknown; response?: unknown }
  return response !== undefined && typeof status === 'number'
    ? status
    : undefined
}
