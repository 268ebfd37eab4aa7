import { readFileSync } from 'node:fs'

/** The repository and commit a check run is created on. */
export interface CheckTarget {
  readonly owner: string
  readonly repo: string
  /** The pull request's head commit, or the commit the workflow runs on. */
  readonly headSha: string
}

const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/i

/**
 * Where the check run goes, from the runner's environment. Throws an Error
 * saying which variable is missing or malformed.
 *
 * On events that carry a pull request, `GITHUB_SHA` is the merge commit
 * GitHub made for the run, which the pull request never shows; the check run
 * must go on the pull request's head commit instead.
 */
export function readCheckTarget(
  env: NodeJS.ProcessEnv,
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8')
): CheckTarget {
  const repository = env.GITHUB_REPOSITORY ?? ''
  const [owner, repo, ...rest] = repository.split('/')
  if (!owner || !repo || rest.length > 0) {
    throw new Error(
      `GITHUB_REPOSITORY is ${JSON.stringify(repository)}; expected ` +
        'owner/repo, as GitHub Actions sets it.'
    )
  }

  const headSha = pullRequestHead(env, readFile) ?? env.GITHUB_SHA ?? ''
  if (!SHA.test(headSha)) {
    throw new Error(
      `No head commit to put the check run on: GITHUB_SHA is ` +
        `${JSON.stringify(headSha)}; expected a commit hash, as GitHub ` +
        'Actions sets it.'
    )
  }
  return { owner, repo, headSha }
}

/**
 * `pull_request.head.sha` from the event payload; undefined when the event
 * carries no pull request. Throws when a pull request event's payload cannot
 * be read, rather than putting the check run on a commit nobody sees.
 */
function pullRequestHead(
  env: NodeJS.ProcessEnv,
  readFile: (path: string) => string
): string | undefined {
  const eventName = env.GITHUB_EVENT_NAME ?? ''
  const isPullRequest = eventName.startsWith('pull_request')
  const eventPath = env.GITHUB_EVENT_PATH
  if (!eventPath) {
    if (isPullRequest) {
      throw new Error(
        `GITHUB_EVENT_PATH is not set on a ${eventName} event, so the pull ` +
          "request's head commit is unknown."
      )
    }
    return undefined
  }

  let payload: unknown
  try {
    payload = JSON.parse(readFile(eventPath))
  } catch (error) {
    if (!isPullRequest) {
      return undefined
    }
    const reason = error instanceof Error ? error.message : String(error)
    throw new Error(
      `Could not read the event payload at ${eventPath} (${reason}), so ` +
        "the pull request's head commit is unknown.",
      { cause: error }
    )
  }

  const sha = headShaOf(payload)
  if (sha === undefined && isPullRequest) {
    throw new Error(
      `The ${eventName} event payload at ${eventPath} has no ` +
        'pull_request.head.sha.'
    )
  }
  return sha
}

function headShaOf(payload: unknown): string | undefined {
  const pullRequest = field(payload, 'pull_request')
  const sha = field(field(pullRequest, 'head'), 'sha')
  return typeof sha === 'string' ? sha : undefined
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)[name]
    : undefined
}
