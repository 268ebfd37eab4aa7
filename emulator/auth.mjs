/**
 * QuantConnect request signing: a `Timestamp` header (Unix seconds) and
 * `Authorization: Basic base64("<userId>:<sha256hex("<token>:<timestamp>")>")`.
 */

import { createHash, timingSafeEqual } from 'node:crypto'

/**
 * @typedef {{ userId: string, token: string }} User
 * @typedef {{ ok: true, userId: string }
 *   | { ok: false, status: number, body: { success: false, errors: string[] } }
 * } AuthResult
 */

/**
 * The hash a user signs a request with.
 *
 * @param {string} token
 * @param {string | number} timestamp
 */
export function signatureHash(token, timestamp) {
  return createHash('sha256').update(`${token}:${timestamp}`).digest('hex')
}

/**
 * The headers a client sends; used by the demo and handy in tests.
 *
 * @param {User} user
 * @param {number} [timestamp] Unix seconds, now by default
 */
export function signedHeaders(user, timestamp = nowSeconds()) {
  const hash = signatureHash(user.token, timestamp)
  const basic = Buffer.from(`${user.userId}:${hash}`).toString('base64')
  return { Authorization: `Basic ${basic}`, Timestamp: String(timestamp) }
}

export function nowSeconds() {
  return Math.floor(Date.now() / 1000)
}

/**
 * Checks a request's signature.
 *
 * A stale or unreadable timestamp is refused with HTTP 401; anything wrong
 * with the user id or the hash is refused with HTTP 200 and the text the
 * real service answers with.
 *
 * @param {import('node:http').IncomingHttpHeaders} headers
 * @param {User[]} users
 * @param {{ windowSeconds: number, now?: number }} clock
 * @returns {AuthResult}
 */
export function checkSignature(headers, users, clock) {
  const timestampText = String(headers.timestamp ?? '').trim()
  const timestamp = /^\d+$/.test(timestampText) ? Number(timestampText) : NaN
  const now = clock.now ?? nowSeconds()
  if (!(Math.abs(now - timestamp) <= clock.windowSeconds)) {
    return {
      ok: false,
      status: 401,
      body: {
        success: false,
        errors: ['Key is missing, invalid, or timestamp is too old for hash']
      }
    }
  }

  const { userId, hash } = readBasic(headers.authorization)
  const user = users.find((candidate) => candidate.userId === userId)
  if (!user || !sameHex(hash, signatureHash(user.token, timestampText))) {
    const text = `Hash doesn't match. UID: ${userId} Hash: ${hash} Timestamp: ${timestampText}`
    return { ok: false, status: 200, body: { success: false, errors: [text] } }
  }
  return { ok: true, userId }
}

/**
 * @param {string | undefined} header
 * @returns {{ userId: string, hash: string }}
 */
function readBasic(header) {
  const match = /^Basic\s+(\S+)$/i.exec(String(header ?? '').trim())
  if (!match) return { userId: '', hash: '' }
  const decoded = Buffer.from(match[1], 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon < 0) return { userId: decoded, hash: '' }
  return { userId: decoded.slice(0, colon), hash: decoded.slice(colon + 1) }
}

/**
 * Compares two hashes without leaking where they differ.
 *
 * @param {string} given
 * @param {string} expected
 */
function sameHex(given, expected) {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}
