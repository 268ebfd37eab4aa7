/**
 * Faults: which request a scenario fault hits, and what it answers instead.
 */

import { trimSlashes } from './scenario.mjs'

/** The keys that replace the normal answer; without them a fault only delays. */
const ANSWER_KEYS = [
  'status',
  'body',
  'json',
  'contentType',
  'success',
  'errors',
  'messages',
  'retryAfter'
]

/** @typedef {import('./scenario.mjs').Fault} Fault */

/**
 * The first fault that applies to this request, if any.
 *
 * `request` is the 1-based number of the request to that endpoint; `times`
 * stretches the fault over that many requests. Without `request` a fault
 * starts at the first request, and without both it applies to every one.
 *
 * @param {Fault[]} faults
 * @param {string} endpoint
 * @param {number} number
 */
export function findFault(faults, endpoint, number) {
  return faults.find((fault) => {
    if (trimSlashes(fault.endpoint) !== endpoint) return false
    if (fault.request === undefined && fault.times === undefined) return true
    const first = fault.request ?? 1
    return number >= first && number < first + (fault.times ?? 1)
  })
}

/**
 * Whether a fault replaces the answer, rather than only delaying it.
 *
 * @param {Fault} fault
 */
export function replacesAnswer(fault) {
  return ANSWER_KEYS.some((key) => fault[key] !== undefined)
}

/**
 * The answer a fault gives instead of the normal one.
 *
 * @param {Fault} fault
 * @returns {{ status: number, body: string, headers: Record<string, string> }}
 */
export function faultAnswer(fault) {
  const status = fault.status ?? 200
  /** @type {Record<string, string>} */
  const headers = {}
  if (fault.retryAfter !== undefined) {
    headers['Retry-After'] = String(fault.retryAfter)
  }

  let body
  let contentType = 'application/json; charset=utf-8'
  if (fault.body !== undefined) {
    body = fault.body
    contentType = fault.body.trimStart().startsWith('<')
      ? 'text/html; charset=utf-8'
      : 'text/plain; charset=utf-8'
  } else if (fault.json !== undefined) {
    body = JSON.stringify(fault.json)
  } else {
    /** @type {Record<string, unknown>} */
    const answer = {
      success: false,
      errors: fault.errors ?? [`Emulated fault: HTTP ${status}`]
    }
    if (fault.messages) answer.messages = fault.messages
    body = JSON.stringify(answer)
  }
  headers['Content-Type'] = fault.contentType ?? contentType
  return { status, body, headers }
}
