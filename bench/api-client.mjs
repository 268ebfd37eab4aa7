/**
 * A minimal QuantConnect API client for the bench's stand-in scripts: signs
 * each request the way QuantConnect documents (a `Timestamp` header and
 * Basic base64(userId:sha256(token:timestamp))) and POSTs JSON over plain
 * HTTP with kept-alive connections. It speaks only http, as the emulator
 * does; it has no retries and no timeouts.
 */

import { createRequire } from 'node:module'
import { parseArgs } from 'node:util'

// Built-ins through require, as the bundle loads them: an ESM import reads
// every export, and on Node 24 node:http's lazy exports load undici, which
// would add tens of milliseconds to the start of this "minimal" client.
const require = createRequire(import.meta.url)
/** @type {typeof import('node:crypto')} */
const { createHash } = require('node:crypto')
/** @type {typeof import('node:http')} */
const { Agent, request } = require('node:http')

/**
 * The signed headers for one request.
 *
 * @param {string} userId
 * @param {string} token
 * @param {number} [nowMs]
 */
export function signedHeaders(userId, token, nowMs = Date.now()) {
  const timestamp = String(Math.floor(nowMs / 1000))
  const hash = createHash('sha256')
    .update(`${token}:${timestamp}`)
    .digest('hex')
  const basic = Buffer.from(`${userId}:${hash}`).toString('base64')
  return { Timestamp: timestamp, Authorization: `Basic ${basic}` }
}

/**
 * A client for the API root given as `--base-url` and the project given as
 * `--project-id`, signing as QC_USER_ID with QC_API_TOKEN.
 *
 * @param {string[]} [argv]
 */
export function clientFromCommandLine(argv = process.argv.slice(2)) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'base-url': { type: 'string' },
      'project-id': { type: 'string' }
    }
  })
  const userId = process.env.QC_USER_ID ?? ''
  const token = process.env.QC_API_TOKEN ?? ''
  if (!values['base-url'] || !values['project-id'] || !userId || !token) {
    throw new Error(
      'Usage: --base-url URL --project-id N, with QC_USER_ID and ' +
        'QC_API_TOKEN in the environment.'
    )
  }
  const agent = new Agent({ keepAlive: true })
  const baseUrl = values['base-url'].replace(/\/+$/, '')

  /**
   * POSTs `body` to `endpoint`; resolves with the answer, throws unless it
   * says `success: true`.
   *
   * @param {string} endpoint
   * @param {object} body
   * @returns {Promise<Record<string, unknown>>}
   */
  function post(endpoint, body) {
    const text = JSON.stringify(body)
    const headers = {
      ...signedHeaders(userId, token),
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(text)
    }
    return new Promise((resolve, reject) => {
      const url = `${baseUrl}/${endpoint}`
      const call = request(url, { method: 'POST', headers, agent }, (res) => {
        let answer = ''
        res.setEncoding('utf8').on('data', (chunk) => (answer += chunk))
        res.on('end', () => {
          try {
            const parsed = JSON.parse(answer)
            if (parsed.success !== true) throw new Error(answer)
            resolve(parsed)
          } catch (error) {
            reject(new Error(`${endpoint} failed: ${error}`))
          }
        })
      })
      call.once('error', reject)
      call.end(text)
    })
  }

  return {
    projectId: Number(values['project-id']),
    positionals,
    post,
    close: () => agent.destroy()
  }
}
