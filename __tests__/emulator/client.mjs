/**
 * A tiny QuantConnect client for the emulator tests. It signs requests on
 * its own, from the documented scheme, so the tests check the emulator's
 * signing rather than share its code.
 */

import { createHash } from 'node:crypto'

export const USER = { userId: '42', token: 'emulator-token' }

export function nowSeconds() {
  return Math.floor(Date.now() / 1000)
}

/**
 * @param {{ userId: string, token: string }} user
 * @param {number} timestamp
 */
export function authHeaders(user, timestamp = nowSeconds()) {
  const hash = createHash('sha256')
    .update(`${user.token}:${timestamp}`)
    .digest('hex')
  const basic = Buffer.from(`${user.userId}:${hash}`).toString('base64')
  return { Authorization: `Basic ${basic}`, Timestamp: String(timestamp) }
}

/**
 * POSTs a JSON body and reads the answer whatever its shape.
 *
 * @param {{ url: string }} emulator
 * @param {string} endpoint e.g. 'compile/read'
 * @param {unknown} [body]
 * @param {{ user?: { userId: string, token: string }, timestamp?: number,
 *   headers?: Record<string, string>, method?: string, rawBody?: string }} [options]
 */
export async function call(emulator, endpoint, body = {}, options = {}) {
  const headers = {
    'Content-Type': 'application/json',
    ...authHeaders(options.user ?? USER, options.timestamp),
    ...options.headers
  }
  const method = options.method ?? 'POST'
  const response = await fetch(`${emulator.url}/${endpoint}`, {
    method,
    headers,
    body:
      method === 'GET' ? undefined : (options.rawBody ?? JSON.stringify(body))
  })
  const text = await response.text()
  let json
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: response.status, headers: response.headers, text, json }
}

/**
 * The JSON answer of a call that must answer HTTP 200.
 *
 * @param {{ url: string }} emulator
 * @param {string} endpoint
 * @param {unknown} [body]
 */
export async function post(emulator, endpoint, body = {}) {
  const answer = await call(emulator, endpoint, body)
  if (answer.status !== 200) {
    throw new Error(
      `${endpoint} answered HTTP ${answer.status}: ${answer.text}`
    )
  }
  return answer.json
}

/**
 * Polls compile/read until the state is terminal or the deadline passes.
 *
 * @param {{ url: string }} emulator
 * @param {number} projectId
 * @param {string} compileId
 * @param {number} [deadlineMs]
 */
export async function waitForCompile(
  emulator,
  projectId,
  compileId,
  deadlineMs = 10_000
) {
  const start = Date.now()
  for (;;) {
    const answer = await post(emulator, 'compile/read', {
      projectId,
      compileId
    })
    if (answer.state !== 'InQueue') return answer
    if (Date.now() - start > deadlineMs) {
      throw new Error(
        `compile ${compileId} still InQueue after ${deadlineMs} ms`
      )
    }
    await sleep(50)
  }
}

/** @param {number} ms */
export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
