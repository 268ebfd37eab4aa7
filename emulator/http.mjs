/**
 * Reading requests and writing answers, shared by the router and the faults.
 */

/** Larger bodies are refused before they are parsed. */
const MAX_BODY_BYTES = 16 * 1024 * 1024

/** A request body over MAX_BODY_BYTES; answered with HTTP 413. */
export class BodyTooLarge extends Error {}

/**
 * The request body as text.
 *
 * @param {import('node:http').IncomingMessage} req
 * @returns {Promise<string>}
 */
export async function readBody(req) {
  const chunks = []
  let size = 0
  for await (const chunk of req) {
    size += chunk.length
    if (size > MAX_BODY_BYTES) {
      throw new BodyTooLarge(`request body is over ${MAX_BODY_BYTES} bytes`)
    }
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/**
 * Parses a JSON body; an empty body is an empty object.
 *
 * @param {string} text
 * @returns {{ ok: true, value: any } | { ok: false, error: string }}
 */
export function parseJsonBody(text) {
  if (text.trim() === '') return { ok: true, value: {} }
  try {
    const value = JSON.parse(text)
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return { ok: false, error: 'The request body must be a JSON object.' }
    }
    return { ok: true, value }
  } catch (error) {
    return { ok: false, error: `The request body is not JSON: ${error}` }
  }
}

/**
 * Query parameters as an object; digit-only values become numbers, as the
 * API reads `projectId=1001` the same as `{"projectId": 1001}`.
 *
 * @param {URLSearchParams} params
 * @returns {Record<string, string | number>}
 */
export function queryObject(params) {
  /** @type {Record<string, string | number>} */
  const out = {}
  for (const [key, value] of params) {
    out[key] = /^\d+$/.test(value) ? Number(value) : value
  }
  return out
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {unknown} body
 * @param {Record<string, string>} [headers]
 */
export function sendJson(res, status, body, headers = {}) {
  sendRaw(res, status, JSON.stringify(body), {
    'Content-Type': 'application/json; charset=utf-8',
    ...headers
  })
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {string} body
 * @param {Record<string, string>} headers
 */
export function sendRaw(res, status, body, headers) {
  if (res.headersSent || res.destroyed) return
  res.writeHead(status, {
    ...headers,
    'Content-Length': String(Buffer.byteLength(body))
  })
  res.end(body)
}

/**
 * A successful answer: `success` and `errors` are always present.
 *
 * @param {Record<string, unknown>} [fields]
 */
export function ok(fields = {}) {
  return { success: true, errors: [], ...fields }
}

/**
 * A refused call, answered with HTTP 200 as the API does.
 *
 * @param {...string} errors
 */
export function refuse(...errors) {
  return { success: false, errors }
}
