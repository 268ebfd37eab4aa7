import {
  afterEach,
  beforeEach,
  describe,
  expect,
  jest,
  test
} from '@jest/globals'
import { createHash } from 'node:crypto'
import nock from 'nock'
import { Deadline } from '../src/deadline.js'
import { DeadlineError } from '../src/errors.js'
import { CompileReadAnswer, PlainAnswer } from '../src/quantconnect/answers.js'
import {
  ApiError,
  AuthenticationError,
  TransientError
} from '../src/quantconnect/errors.js'

// Loaded after nock so that the HTTP client sees nock's http module.
const { QuantConnectClient } = await import('../src/quantconnect/client.js')
type QuantConnectClient = InstanceType<typeof QuantConnectClient>

const BASE = 'https://qc.example.test/api/v2'
const TOKEN = 'secret-token-value'

function client(
  overrides: {
    deadlineMs?: number
    requestTimeoutMs?: number
    retryDelayMs?: number
  } = {}
) {
  return new QuantConnectClient({
    baseUrl: BASE,
    userId: '42',
    apiToken: TOKEN,
    deadline: new Deadline(overrides.deadlineMs ?? 10_000),
    requestTimeoutMs: overrides.requestTimeoutMs ?? 2_000,
    retries: 3,
    retryDelayMs: overrides.retryDelayMs ?? 10
  })
}

/** True when the request carries a valid signature for user 42. */
function signedCorrectly(headers: Record<string, string | string[]>): boolean {
  const timestamp = String(headers['timestamp'])
  const hash = createHash('sha256')
    .update(`${TOKEN}:${timestamp}`)
    .digest('hex')
  const expected = `Basic ${Buffer.from(`42:${hash}`).toString('base64')}`
  return headers['authorization'] === expected
}

let api: QuantConnectClient

beforeEach(() => {
  nock.disableNetConnect()
  jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
})

afterEach(() => {
  api?.dispose()
  nock.cleanAll()
  nock.enableNetConnect()
  jest.restoreAllMocks()
})

describe('QuantConnectClient.post', () => {
  test('sends a signed JSON POST and reads the answer', async () => {
    let seen: Record<string, string | string[]> = {}
    const scope = nock(BASE)
      .post('/compile/read', { projectId: 7, compileId: 'c-1' })
      .reply(function () {
        seen = this.req.headers
        return [
          200,
          { success: true, state: 'BuildSuccess', logs: null, extra: 1 }
        ]
      })
    api = client()

    const answer = await api.post(
      'compile/read',
      { projectId: 7, compileId: 'c-1' },
      CompileReadAnswer
    )

    expect(answer.state).toBe('BuildSuccess')
    expect(answer.logs).toEqual([])
    expect(signedCorrectly(seen)).toBe(true)
    expect(scope.isDone()).toBe(true)
  })

  test('retries a 5xx with an empty body, signing each attempt afresh', async () => {
    const signatures: boolean[] = []
    nock(BASE)
      .post('/authenticate')
      .times(2)
      .reply(function () {
        signatures.push(signedCorrectly(this.req.headers))
        return [503, '']
      })
      .post('/authenticate')
      .reply(function () {
        signatures.push(signedCorrectly(this.req.headers))
        return [200, { success: true }]
      })
    api = client()

    await expect(
      api.post('authenticate', {}, PlainAnswer)
    ).resolves.toBeDefined()
    expect(signatures).toEqual([true, true, true])
  })

  test('gives up after the retry budget, naming endpoint, status and body', async () => {
    nock(BASE).post('/compile/create').times(4).reply(502, '')
    api = client()

    const failure = api.post('compile/create', { projectId: 1 }, PlainAnswer)

    await expect(failure).rejects.toBeInstanceOf(TransientError)
    await expect(failure).rejects.toThrow(
      'compile/create answered HTTP 502 with an empty body, 4 times in a row.'
    )
    expect(nock.isDone()).toBe(true)
  })

  test('treats an HTML proxy page as transient and names its type', async () => {
    nock(BASE)
      .post('/compile/read')
      .reply(502, '<html><body>Bad Gateway</body></html>', {
        'Content-Type': 'text/html'
      })
      .post('/compile/read')
      .reply(200, { success: true, state: 'InQueue' })
    api = client()

    const answer = await api.post('compile/read', {}, CompileReadAnswer)

    expect(answer.state).toBe('InQueue')
    const printed = jest
      .mocked(process.stdout.write)
      .mock.calls.map((call) => String(call[0]))
      .join('')
    expect(printed).toContain(
      'text/html body starting "<html><body>Bad Gateway'
    )
  })

  test('waits as Retry-After says on a 429', async () => {
    nock(BASE)
      .post('/authenticate')
      .reply(429, '', { 'Retry-After': '1' })
      .post('/authenticate')
      .reply(200, { success: true })
    api = client()
    const started = Date.now()

    await api.post('authenticate', {}, PlainAnswer)

    expect(Date.now() - started).toBeGreaterThanOrEqual(950)
  })

  test.each([
    [
      'errors',
      { success: false, errors: ['Invalid argument'] },
      'Invalid argument'
    ],
    [
      'messages',
      { success: false, messages: ['Compile id not found'] },
      'Compile id not found'
    ],
    [
      'Message',
      { success: false, Message: 'Project not found' },
      'Project not found'
    ]
  ])('fails at once on success:false in %s', async (_field, body, text) => {
    const scope = nock(BASE).post('/compile/read').reply(200, body)
    api = client()

    const failure = api.post('compile/read', {}, CompileReadAnswer)

    await expect(failure).rejects.toBeInstanceOf(ApiError)
    await expect(failure).rejects.toThrow(text)
    expect(scope.isDone()).toBe(true)
  })

  test('a wrong hash is one authentication failure, redacted, not retried', async () => {
    const hash = 'a'.repeat(64)
    nock(BASE)
      .post('/authenticate')
      .once()
      .reply(200, {
        success: false,
        errors: [
          `Hash doesn't match. UID: 42 Hash: ${hash} Timestamp: 1700000000`
        ]
      })
    api = client()

    const failure = api.post('authenticate', {}, PlainAnswer)

    await expect(failure).rejects.toBeInstanceOf(AuthenticationError)
    const message = await failure.catch((error: Error) => error.message)
    expect(message).not.toContain(hash)
    expect(message).not.toContain('UID: 42')
    expect(nock.pendingMocks()).toEqual([])
  })

  test('HTTP 401 names the credentials and the runner clock', async () => {
    nock(BASE)
      .post('/authenticate')
      .once()
      .reply(401, {
        success: false,
        errors: ['Key is missing, invalid, or timestamp is too old for hash']
      })
    api = client()

    const failure = api.post('authenticate', {}, PlainAnswer)

    await expect(failure).rejects.toBeInstanceOf(AuthenticationError)
    await expect(failure).rejects.toThrow(/clock/)
  })

  test('a request with no answer times out and is retried', async () => {
    nock(BASE)
      .post('/compile/read')
      .delay(5_000)
      .reply(200, { success: true, state: 'InQueue' })
      .post('/compile/read')
      .reply(200, { success: true, state: 'BuildSuccess' })
    api = client({ requestTimeoutMs: 200 })

    const answer = await api.post('compile/read', {}, CompileReadAnswer)

    expect(answer.state).toBe('BuildSuccess')
  })

  test('stops at the deadline with a DeadlineError', async () => {
    nock(BASE)
      .post('/compile/read')
      .times(10)
      .delay(5_000)
      .reply(200, { success: true, state: 'InQueue' })
    api = client({ deadlineMs: 300, requestTimeoutMs: 2_000 })

    const failure = api.post('compile/read', {}, CompileReadAnswer)

    await expect(failure).rejects.toBeInstanceOf(DeadlineError)
    await expect(failure).rejects.toThrow(
      /^QuantConnect did not answer compile\/read within timeout-seconds \(0\.3\)\. Re-run the job later or raise timeout-seconds/
    )
  })

  test('never waits past the deadline between tries', async () => {
    nock(BASE).post('/compile/create').times(4).reply(503, '')
    // The first pause alone would be 1 to 2 s.
    api = client({ deadlineMs: 400, retryDelayMs: 1_000 })
    const started = Date.now()

    const failure = api.post('compile/create', {}, PlainAnswer)

    await expect(failure).rejects.toBeInstanceOf(DeadlineError)
    expect(Date.now() - started).toBeLessThan(900)
    await expect(failure).rejects.toThrow(
      'QuantConnect gave no usable answer to compile/create within ' +
        'timeout-seconds (0.4); the last try: compile/create answered ' +
        'HTTP 503 with an empty body.'
    )
  })

  test('a Retry-After longer than the time left ends at the deadline', async () => {
    nock(BASE).post('/compile/read').reply(429, '', { 'Retry-After': '60' })
    api = client({ deadlineMs: 400 })
    const started = Date.now()

    const failure = api.post('compile/read', {}, CompileReadAnswer)

    await expect(failure).rejects.toBeInstanceOf(DeadlineError)
    expect(Date.now() - started).toBeLessThan(900)
    await expect(failure).rejects.toThrow('HTTP 429')
  })

  test('a success answer without the fields we need is a clear error', async () => {
    nock(BASE).post('/compile/create').reply(200, { success: true })
    api = client()
    const { CompileCreateAnswer } =
      await import('../src/quantconnect/answers.js')

    await expect(
      api.post('compile/create', { projectId: 1 }, CompileCreateAnswer)
    ).rejects.toThrow(/lacks compileId/)
  })
})
