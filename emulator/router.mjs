/**
 * One request, start to finish: log it, apply a scenario fault, check the
 * method, the body and the signature, then run the endpoint.
 */

import { checkSignature, nowSeconds } from './auth.mjs'
import { Answer, ENDPOINTS } from './endpoints.mjs'
import {
  BodyTooLarge,
  parseJsonBody,
  queryObject,
  readBody,
  sendJson,
  sendRaw
} from './http.mjs'
import { faultAnswer, findFault, replacesAnswer } from './faults.mjs'
import { trimSlashes } from './scenario.mjs'

export const API_ROOT = '/api/v2'

/**
 * @typedef {{
 *   endpoint: string, number: number, time: number, method: string,
 *   body: unknown, status: number | null, signed: boolean | null
 * }} RequestRecord
 * @typedef {{
 *   requests: RequestRecord[],
 *   faults: import('./scenario.mjs').Fault[],
 *   users: import('./auth.mjs').User[],
 *   windowSeconds: number,
 *   clockSkewSeconds: number,
 *   context: Omit<import('./endpoints.mjs').Context, 'userId'>,
 *   sleep: (ms: number) => Promise<void>,
 *   warn: (line: string) => void
 * }} RouterState
 */

/**
 * @param {RouterState} state
 */
export function createRouter(state) {
  /** Requests so far per endpoint, faulted ones included. */
  const counts = new Map()

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   */
  return async function route(req, res) {
    const url = new URL(req.url ?? '/', 'http://emulator')
    const endpoint = endpointOf(url.pathname)
    const number = (counts.get(endpoint) ?? 0) + 1
    counts.set(endpoint, number)
    /** @type {RequestRecord} */
    const record = {
      endpoint,
      number,
      time: Date.now(),
      method: req.method ?? '',
      body: null,
      status: null,
      signed: null
    }
    state.requests.push(record)

    /** @param {number} status @param {unknown} body @param {Record<string, string>} [headers] */
    const answer = (status, body, headers) => {
      record.status = status
      sendJson(res, status, body, headers)
    }

    try {
      const text = await readBody(req)
      const parsed =
        req.method === 'GET'
          ? { ok: true, value: queryObject(url.searchParams) }
          : parseJsonBody(text)
      if (parsed.ok) record.body = parsed.value

      const fault = findFault(state.faults, endpoint, number)
      if (fault?.hang) return
      if (fault?.delayMs) await state.sleep(fault.delayMs)
      if (fault && replacesAnswer(fault)) {
        const { status, body, headers } = faultAnswer(fault)
        record.status = status
        sendRaw(res, status, body, headers)
        return
      }

      const spec = Object.hasOwn(ENDPOINTS, endpoint)
        ? ENDPOINTS[endpoint]
        : undefined
      if (!url.pathname.startsWith(`${API_ROOT}/`) || !spec) {
        answer(404, {
          success: false,
          errors: [`Unknown endpoint: ${url.pathname}`]
        })
        return
      }
      if (req.method !== 'POST' && !(req.method === 'GET' && spec.get)) {
        const allowed = spec.get ? 'GET, POST' : 'POST'
        answer(
          405,
          {
            success: false,
            errors: [`Method ${req.method} is not allowed; use ${allowed}`]
          },
          { Allow: allowed }
        )
        return
      }
      if (!parsed.ok) {
        answer(400, { success: false, errors: [parsed.error] })
        return
      }

      const auth = checkSignature(req.headers, state.users, {
        windowSeconds: state.windowSeconds,
        now: nowSeconds() + state.clockSkewSeconds
      })
      record.signed = auth.ok
      if (!auth.ok) {
        answer(auth.status, auth.body)
        return
      }

      const context = { ...state.context, userId: auth.userId }
      const result = await spec.handle(parsed.value, context)
      const reply = result instanceof Answer ? result : new Answer(200, result)
      answer(reply.status, reply.body)
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        answer(413, { success: false, errors: [error.message] })
        return
      }
      state.warn(`QuantConnect emulator: ${endpoint} failed: ${error}`)
      answer(500, { success: false, errors: [`Emulator error: ${error}`] })
    }
  }
}

/**
 * `compile/read` for `/api/v2/compile/read`; other paths keep their full
 * name so faults and the request log can still tell them apart.
 *
 * @param {string} pathname
 */
function endpointOf(pathname) {
  return pathname.startsWith(`${API_ROOT}/`)
    ? trimSlashes(pathname.slice(API_ROOT.length))
    : pathname
}
