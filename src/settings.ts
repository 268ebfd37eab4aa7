import * as core from '@actions/core'
import { statSync } from 'node:fs'
import * as path from 'node:path'
import { z } from 'zod'
import { InputError } from './errors.js'
import { resolveProjectPath } from './paths.js'
import { warn } from './warnings.js'

export type ParameterAnnotationLevel = 'notice' | 'warning' | 'off'

/** Every input of the action, read once and validated. */
export interface Settings {
  /** The QuantConnect project to compile (`project-id`). */
  readonly projectId: number
  /** The QuantConnect user id (`user-id`). */
  readonly userId: string
  /** The QuantConnect API token (`api-token`); masked as soon as it is read. */
  readonly apiToken: string
  /** The checkout root (`GITHUB_WORKSPACE`), absolute. */
  readonly workspace: string
  /** The project's folder relative to the workspace, `/`-separated; `''` for the root. */
  readonly projectPath: string
  /** The deadline for all API work of the step (`timeout-seconds`). */
  readonly timeoutSeconds: number
  /** The API root without a trailing slash (`base-url`). */
  readonly baseUrl: string
  /** Push the repository's sources before compiling (`push`). */
  readonly push: boolean
  /** The check run's name; `''` turns check runs off (`check-name`). */
  readonly checkName: string
  /** The token for the check run (`github-token`). */
  readonly githubToken: string
  /** Fail when more parameters are detected (`max-parameters`). */
  readonly maxParameters: number | undefined
  /** The level of detected parameter annotations (`parameter-annotations`). */
  readonly parameterAnnotations: ParameterAnnotationLevel
}

const FORK_HINT =
  'Secrets are not passed to workflows triggered from forks, the likeliest ' +
  'cause; otherwise check that the repository secret exists and is passed ' +
  'to this input.'

const positiveInteger = z
  .string()
  .regex(/^\d+$/)
  .transform(Number)
  .refine(Number.isSafeInteger)
const seconds = z
  .string()
  .regex(/^\d+(\.\d+)?$/)
  .transform(Number)
  .pipe(
    z
      .number()
      .positive()
      .max(6 * 60 * 60)
  )
const flag = z
  .string()
  .toLowerCase()
  .pipe(z.enum(['true', 'false']))
  .transform((value) => value === 'true')

/** Reads and checks every input; throws an InputError naming the first bad one. */
export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  // Masked before anything else can print it.
  const apiToken = core.getInput('api-token')
  if (apiToken) {
    core.setSecret(apiToken)
  }
  const githubToken = core.getInput('github-token')
  if (githubToken) {
    core.setSecret(githubToken)
  }

  const userId = required('user-id', FORK_HINT)
  const token = required('api-token', FORK_HINT, apiToken)
  const workspace = env.GITHUB_WORKSPACE || process.cwd()
  const maxParameters = core.getInput('max-parameters')

  return {
    projectId: check(
      'project-id',
      required('project-id'),
      positiveInteger.refine((id) => id > 0 && Number.isSafeInteger(id)),
      "a positive whole number: the id in the project's URL on quantconnect.com"
    ),
    userId: check(
      'user-id',
      userId,
      z.string().regex(/^\d+$/),
      'your numeric QuantConnect user id, shown at quantconnect.com/account'
    ),
    apiToken: token,
    workspace,
    projectPath: readProjectPath(workspace),
    timeoutSeconds: check(
      'timeout-seconds',
      core.getInput('timeout-seconds') || '600',
      seconds,
      'a number of seconds above 0 and at most 21600'
    ),
    baseUrl: readBaseUrl(core.getInput('base-url')),
    push: check(
      'push',
      core.getInput('push') || 'false',
      flag,
      'true or false'
    ),
    checkName: core.getInput('check-name'),
    githubToken,
    maxParameters: maxParameters
      ? check(
          'max-parameters',
          maxParameters,
          positiveInteger,
          'a whole number of 0 or more, or empty for no budget'
        )
      : undefined,
    parameterAnnotations: check(
      'parameter-annotations',
      core.getInput('parameter-annotations') || 'notice',
      z
        .string()
        .toLowerCase()
        .pipe(z.enum(['notice', 'warning', 'off'])),
      'notice, warning or off'
    )
  }
}

/** `project-path`, resolved; a folder missing from the checkout is worth a warning. */
function readProjectPath(workspace: string): string {
  const input = core.getInput('project-path') || '.'
  const projectPath = resolveProjectPath(input, workspace)
  if (!isFolder(path.join(workspace, projectPath))) {
    warn(
      `Input 'project-path' is ${JSON.stringify(input)}, which is not a ` +
        'folder in the checkout: findings cannot be placed on repository ' +
        'files. Check the path, and that the job runs actions/checkout first.'
    )
  }
  return projectPath
}

function isFolder(folder: string): boolean {
  try {
    return statSync(folder).isDirectory()
  } catch {
    return false
  }
}

function required(
  name: string,
  hint = '',
  value = core.getInput(name)
): string {
  if (!value) {
    throw new InputError(`Input '${name}' is empty. ${hint}`.trim())
  }
  return value
}

function check<T extends z.ZodType>(
  name: string,
  value: string,
  schema: T,
  expected: string
): z.output<T> {
  const parsed = schema.safeParse(value)
  if (!parsed.success) {
    throw new InputError(
      `Input '${name}' is ${JSON.stringify(value)}; expected ${expected}.`
    )
  }
  return parsed.data
}

const DEFAULT_BASE_URL = 'https://www.quantconnect.com/api/v2'

/** Only https, except loopback hosts, which the emulator serves over http. */
export function readBaseUrl(value: string): string {
  const raw = value || DEFAULT_BASE_URL
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new InputError(
      `Input 'base-url' is ${JSON.stringify(raw)}, which is not a URL; ` +
        `leave it empty for ${DEFAULT_BASE_URL}.`
    )
  }
  if (url.username || url.password) {
    throw new InputError(
      "Input 'base-url' carries credentials; remove them: the API signs " +
        'each request with user-id and api-token.'
    )
  }
  const secure = url.protocol === 'https:'
  const loopback = url.protocol === 'http:' && isLoopback(url.hostname)
  if (!secure && !loopback) {
    throw new InputError(
      `Input 'base-url' is ${JSON.stringify(raw)}; it must use https ` +
        '(plain http is allowed only for localhost, 127.0.0.0/8 and ::1), ' +
        'so that the credentials never cross a network in clear text.'
    )
  }
  return url.href.replace(/\/+$/, '')
}

function isLoopback(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname === '[::1]' ||
    /^127(\.\d{1,3}){3}$/.test(hostname)
  )
}
