import { createHash } from 'node:crypto'

/** The two headers QuantConnect checks on every request. */
export interface SignedHeaders {
  Timestamp: string
  Authorization: string
}

/**
 * Signs one request: the hash covers the token and the current second, so
 * every request (a retry too) is signed afresh and never carries a stale
 * timestamp.
 */
export function signRequest(
  userId: string,
  apiToken: string,
  nowMs: number = Date.now()
): SignedHeaders {
  const timestamp = String(Math.floor(nowMs / 1000))
  const hash = createHash('sha256')
    .update(`${apiToken}:${timestamp}`)
    .digest('hex')
  const basic = Buffer.from(`${userId}:${hash}`).toString('base64')
  return { Timestamp: timestamp, Authorization: `Basic ${basic}` }
}
