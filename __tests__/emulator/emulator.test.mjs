import { describe, test, expect, beforeAll, afterAll } from '@jest/globals'
import { startEmulator } from '../../emulator/server.mjs'
import { USER, call, nowSeconds, post } from './client.mjs'
import {
  BROKEN,
  CSHARP,
  MOMENTUM,
  SCRATCH_CS,
  SCRATCH_PY,
  SECOND_USER,
  startExamples
} from './examples.mjs'

/** @type {Awaited<ReturnType<typeof startExamples>>} */
let emulator

beforeAll(async () => {
  emulator = await startExamples()
})

afterAll(() => emulator.close())

describe('signing', () => {
  test('accepts a correctly signed request', async () => {
    const answer = await call(emulator, 'authenticate')
    expect(answer.status).toBe(200)
    expect(answer.json).toEqual({ success: true, errors: [] })
  })

  test('accepts every configured user', async () => {
    const user = SECOND_USER
    const answer = await call(emulator, 'authenticate', {}, { user })
    expect(answer.json.success).toBe(true)
  })

  test.each([
    ['a wrong token', { user: { userId: '42', token: 'wrong' } }, '42'],
    ['an unknown user', { user: { userId: '99', token: 'x' } }, '99'],
    ['another user’s token', { user: { userId: '7', token: USER.token } }, '7']
  ])('refuses %s with HTTP 200 and the hash text', async (_, options, uid) => {
    const answer = await call(emulator, 'authenticate', {}, options)
    expect(answer.status).toBe(200)
    expect(answer.json.success).toBe(false)
    expect(answer.json.errors).toHaveLength(1)
    expect(answer.json.errors[0]).toMatch(
      new RegExp(
        `^Hash doesn't match\\. UID: ${uid} Hash: [0-9a-f]{64} Timestamp: \\d+$`
      )
    )
  })

  test.each([
    ['no Authorization header', { Authorization: '' }],
    ['a header that is not Basic', { Authorization: 'Bearer abc' }],
    ['garbled base64', { Authorization: 'Basic %%%' }]
  ])('refuses %s with HTTP 200', async (_, headers) => {
    const answer = await call(emulator, 'authenticate', {}, { headers })
    expect(answer.status).toBe(200)
    expect(answer.json.success).toBe(false)
    expect(answer.json.errors[0]).toMatch(/^Hash doesn't match\. UID: /)
  })

  test.each([
    ['too old', -7300],
    ['too far ahead', 7300]
  ])('refuses a timestamp %s with HTTP 401', async (_, skew) => {
    const answer = await call(
      emulator,
      'authenticate',
      {},
      { timestamp: nowSeconds() + skew }
    )
    expect(answer.status).toBe(401)
    expect(answer.json.success).toBe(false)
    expect(answer.json.errors.join(' ')).toContain(
      'Key is missing, invalid, or timestamp is too old for hash'
    )
  })

  test('accepts a timestamp inside the window', async () => {
    const answer = await call(
      emulator,
      'authenticate',
      {},
      { timestamp: nowSeconds() - 7000 }
    )
    expect(answer.json.success).toBe(true)
  })

  test('honours a narrower timestamp window', async () => {
    const strict = await startEmulator({ timestampWindowSeconds: 20 })
    try {
      const stale = { timestamp: nowSeconds() - 30 }
      expect((await call(strict, 'authenticate', {}, stale)).status).toBe(401)
      expect((await call(strict, 'authenticate')).json.success).toBe(true)
    } finally {
      await strict.close()
    }
  })

  test('never keeps the Authorization header in the request log', () => {
    const log = JSON.stringify(emulator.requests)
    expect(emulator.requests.length).toBeGreaterThan(5)
    expect(log).not.toContain('Basic')
    expect(log).not.toMatch(/authorization/i)
  })
})

describe('routing', () => {
  test('answers an unknown endpoint with 404 JSON', async () => {
    const answer = await call(emulator, 'backtests/create', { projectId: 1 })
    expect(answer.status).toBe(404)
    expect(answer.json.success).toBe(false)
    expect(answer.json.errors[0]).toContain('backtests/create')
  })

  test('answers a GET to a POST-only endpoint with 405', async () => {
    const answer = await call(emulator, 'files/read', {}, { method: 'GET' })
    expect(answer.status).toBe(405)
    expect(answer.headers.get('allow')).toBe('POST')
  })

  test('answers a body that is not JSON with 400', async () => {
    const answer = await call(emulator, 'files/read', {}, { rawBody: '{oops' })
    expect(answer.status).toBe(400)
    expect(answer.json.success).toBe(false)
  })

  test('logs requests with endpoint, number, body and status', async () => {
    await post(emulator, 'projects/read', { projectId: MOMENTUM })
    const last = emulator.requests.at(-1)
    expect(last).toMatchObject({
      endpoint: 'projects/read',
      body: { projectId: MOMENTUM },
      status: 200
    })
    const numbers = emulator.requests
      .filter((r) => r.endpoint === 'projects/read')
      .map((r) => r.number)
    expect(numbers).toEqual(numbers.map((_, i) => i + 1))
    expect(typeof last?.time).toBe('number')
  })

  test('records whether each signature was accepted', async () => {
    await call(emulator, 'authenticate')
    expect(emulator.requests.at(-1)?.signed).toBe(true)
    const user = { userId: '42', token: 'wrong' }
    await call(emulator, 'authenticate', {}, { user })
    expect(emulator.requests.at(-1)?.signed).toBe(false)
    await call(emulator, 'authenticate', {}, { timestamp: 1 })
    expect(emulator.requests.at(-1)?.signed).toBe(false)
    // Answered before the signature is read.
    await call(emulator, 'backtests/create')
    expect(emulator.requests.at(-1)?.signed).toBeNull()
  })
})

describe('projects/read', () => {
  test('describes a project with its language', async () => {
    const py = await post(emulator, 'projects/read', { projectId: MOMENTUM })
    expect(py.success).toBe(true)
    expect(py.projects).toHaveLength(1)
    expect(py.projects[0]).toMatchObject({
      projectId: MOMENTUM,
      name: 'python-momentum',
      language: 'Py'
    })
    const cs = await post(emulator, 'projects/read', { projectId: CSHARP })
    expect(cs.projects[0].language).toBe('C#')
  })

  test('lists every project without a projectId', async () => {
    const all = await post(emulator, 'projects/read', {})
    expect(all.projects.map((p) => p.projectId)).toEqual([
      MOMENTUM,
      BROKEN,
      CSHARP,
      SCRATCH_PY,
      SCRATCH_CS
    ])
  })

  test('refuses an unknown project', async () => {
    const answer = await post(emulator, 'projects/read', { projectId: 4242 })
    expect(answer.success).toBe(false)
    expect(answer.errors[0]).toContain('4242')
  })
})
