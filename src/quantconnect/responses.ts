import type { IncomingHttpHeaders } from 'node:http'
import { apiText, Envelope } from './answers.js'
import { ApiError, AuthenticationError, TransientError } from './errors.js'
import { redact } from './redact.js'

/** One HTTP exchange as it came back, before any reading. */
export interface RawAnswer {
  status: number
  headers: IncomingHttpHeaders
  body: string
}

const CREDENTIALS_HINT =
  'Check the user-id and api-token secrets (the token from ' +
  'quantconnect.com/account, with no extra characters).'

/**
 * Decides what an exchange means: a JSON answer with `success: true`, or a
 * typed error that says whether another try could help.
 */
export function readAnswer(
  endpoint: string,
  raw: RawAnswer,
  secrets: readonly string[]
): Envelope {
  const { status } = raw

  if (status === 401) {
    throw new AuthenticationError(
      `QuantConnect refused the credentials for ${endpoint} (HTTP 401). ` +
        'Likely causes: a wrong user-id or api-token, or a runner clock ' +
        `that is off by more than the API allows. ${CREDENTIALS_HINT}`,
      endpoint,
      status
    )
  }
  if (status === 413) {
    const said = apiWords(raw.body, secrets)
    throw new ApiError(
      `QuantConnect refused ${endpoint} as too large (HTTP 413${said ? `: ${said}` : ''}). ` +
        "The project or one of its files exceeds the account's size " +
        'quota: shrink or split the file, or upgrade the account.',
      endpoint,
      status
    )
  }
  if (status >= 300 && status < 400) {
    const location = raw.headers.location
      ? redact(raw.headers.location, secrets)
      : 'an address it did not give'
    throw new ApiError(
      `QuantConnect's ${endpoint} redirected (HTTP ${status}) to ` +
        `${location}. Set base-url to the API root itself, such as ` +
        'https://www.quantconnect.com/api/v2.',
      endpoint,
      status
    )
  }
  if (status === 429 || status >= 500) {
    const said = apiWords(raw.body, secrets)
    throw new TransientError(
      `${endpoint} answered HTTP ${status} with ` +
        (said ? `the message "${said}"` : describeBody(raw, secrets)),
      endpoint,
      retryAfterMs(raw.headers['retry-after'])
    )
  }

  const json = parseJson(raw.body)
  const envelope = json === undefined ? undefined : Envelope.safeParse(json)
  if (!envelope?.success) {
    const body = describeBody(raw, secrets)
    if (status >= 400) {
      // Not the API's JSON: a proxy, a firewall or a wrong base-url answered.
      throw new ApiError(
        `${endpoint} was refused with HTTP ${status} and ${body}. ` +
          refusalHint(status),
        endpoint,
        status
      )
    }
    throw new TransientError(
      `${endpoint} answered HTTP ${status} with ${body}`,
      endpoint
    )
  }

  const answer = envelope.data
  if (answer.success !== true || status >= 400) {
    const text =
      redact(apiText(answer), secrets) || `no reason given (HTTP ${status})`
    if (/hash doesn't match/i.test(text)) {
      throw new AuthenticationError(
        `QuantConnect rejected the credentials: ${text}. ${CREDENTIALS_HINT}`,
        endpoint,
        status
      )
    }
    throw new ApiError(
      `QuantConnect refused ${endpoint}: ${text}. ${refusalHint(status, text)}`,
      endpoint,
      status
    )
  }
  return answer
}

/** What to check next, from the status and the API's words. */
function refusalHint(status: number, text = ''): string {
  if (/project/i.test(text) && /not found|no project|invalid/i.test(text)) {
    return 'Check that project-id names a project of this account.'
  }
  if (status === 404 || /unknown endpoint/i.test(text)) {
    return 'Check that base-url is the API root, ending in /api/v2.'
  }
  if (status === 403) {
    return 'Check that the account may use the API and this project, and that no proxy or firewall blocks the runner.'
  }
  if (status === 407) {
    return 'A proxy asks for credentials: give them in HTTPS_PROXY (http://user:password@host:port).'
  }
  return 'Fix what QuantConnect names, then re-run the job.'
}

/** The API's own text in a JSON body, redacted; '' when there is none. */
function apiWords(body: string, secrets: readonly string[]): string {
  const envelope = Envelope.safeParse(parseJson(body))
  return envelope.success ? redact(apiText(envelope.data), secrets) : ''
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown
  } catch {
    return undefined
  }
}

/** "an empty body" or "a text/html body starting "<html>..."". */
function describeBody(raw: RawAnswer, secrets: readonly string[]): string {
  const text = raw.body.trim()
  if (text.length === 0) {
    return 'an empty body'
  }
  const type = raw.headers['content-type']?.split(';')[0] || 'untyped'
  // Redacted before it is cut, so no secret survives as a prefix.
  const start = redact(text.replace(/\s+/g, ' '), secrets).slice(0, 80)
  return `${/^[aeiou]/i.test(type) ? 'an' : 'a'} ${type} body starting "${start}"`
}

/** Retry-After in seconds or as an HTTP date, in ms; undefined if absent. */
export function retryAfterMs(
  header: string | string[] | undefined,
  now: number = Date.now()
): number | undefined {
  const value = Array.isArray(header) ? header[0] : header
  if (!value) {
    return undefined
  }
  const seconds = Number(value)
  if (Number.isFinite(seconds) && seconds >= 0) {
    return seconds * 1000
  }
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}
