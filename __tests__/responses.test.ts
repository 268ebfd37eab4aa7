import { describe, expect, test } from '@jest/globals'
import {
  ApiError,
  AuthenticationError,
  TransientError
} from '../src/quantconnect/errors.js'
import {
  readAnswer,
  retryAfterMs,
  type RawAnswer
} from '../src/quantconnect/responses.js'

const ENDPOINT = 'compile/create'
const TOKEN = 'tok-secret-123'
const HASH = '3f'.repeat(32)
const JSON_TYPE = 'application/json; charset=utf-8'

function raw(
  status: number,
  contentType: string | undefined,
  body: string,
  headers: RawAnswer['headers'] = {}
): RawAnswer {
  return {
    status,
    headers: contentType
      ? { 'content-type': contentType, ...headers }
      : headers,
    body
  }
}

/** The error `readAnswer` throws, or a failure if it throws none. */
function refusal(answer: RawAnswer): Error {
  try {
    readAnswer(ENDPOINT, answer, [TOKEN])
  } catch (error) {
    if (error instanceof Error) {
      return error
    }
    throw error
  }
  throw new Error('readAnswer accepted the answer')
}

type ErrorClass =
  typeof ApiError | typeof AuthenticationError | typeof TransientError

describe('readAnswer', () => {
  test.each([
    [
      'a success',
      raw(200, JSON_TYPE, '{"success":true,"compileId":"c-1"}'),
      { success: true, compileId: 'c-1' }
    ],
    [
      'a success with null lists',
      raw(200, undefined, '{"success":true,"errors":null,"messages":null}'),
      { success: true, errors: null, messages: null }
    ],
    [
      'a success with a 2xx other than 200',
      raw(201, JSON_TYPE, '{"success":true}'),
      { success: true }
    ]
  ])('returns %s', (_, answer, expected) => {
    expect(readAnswer(ENDPOINT, answer, [TOKEN])).toMatchObject(expected)
  })

  test.each<[string, RawAnswer, ErrorClass, string[]]>([
    [
      '401',
      raw(401, JSON_TYPE, '{"success":false}'),
      AuthenticationError,
      ['HTTP 401', 'credentials', 'clock', 'user-id', 'api-token', ENDPOINT]
    ],
    [
      '401 with an empty body',
      raw(401, undefined, ''),
      AuthenticationError,
      ['credentials', 'clock']
    ],
    [
      '413',
      raw(413, 'text/html', '<html>Request Entity Too Large</html>'),
      ApiError,
      ['HTTP 413', 'quota', ENDPOINT]
    ],
    [
      '500 with an empty body',
      raw(500, undefined, ''),
      TransientError,
      ['HTTP 500', 'empty body', ENDPOINT]
    ],
    [
      '503 with a blank body',
      raw(503, 'text/plain', '  \n '),
      TransientError,
      ['HTTP 503', 'empty body']
    ],
    [
      '502 from a proxy in HTML',
      raw(
        502,
        'text/html; charset=utf-8',
        '<html>\n  <head><title>502 Bad Gateway</title></head>\n</html>'
      ),
      TransientError,
      ['HTTP 502', 'text/html', '<html> <head><title>502 Bad Gateway']
    ],
    [
      '429',
      raw(429, JSON_TYPE, '{"success":false}'),
      TransientError,
      ['HTTP 429']
    ],
    [
      '200 that is not JSON',
      raw(200, 'text/html', '<html>maintenance</html>'),
      TransientError,
      ['HTTP 200', 'text/html', '<html>maintenance']
    ],
    [
      '200 with JSON that is no object',
      raw(200, JSON_TYPE, '"ok"'),
      TransientError,
      ['HTTP 200']
    ],
    [
      '200 with an untyped body',
      raw(200, undefined, 'oops'),
      TransientError,
      ['untyped', 'oops']
    ],
    [
      '404 that is not JSON',
      raw(404, 'text/plain', 'Not Found'),
      ApiError,
      ['HTTP 404', 'Not Found', ENDPOINT]
    ],
    [
      '200 success:false with errors',
      raw(200, JSON_TYPE, '{"success":false,"errors":["Project not found"]}'),
      ApiError,
      ['Project not found', ENDPOINT]
    ],
    [
      '200 success:false with messages',
      raw(
        200,
        JSON_TYPE,
        '{"success":false,"messages":["Compile queue full"]}'
      ),
      ApiError,
      ['Compile queue full']
    ],
    [
      '200 success:false with Message',
      raw(200, JSON_TYPE, '{"success":false,"Message":"Invalid project id"}'),
      ApiError,
      ['Invalid project id']
    ],
    [
      '200 success:false with no text',
      raw(200, JSON_TYPE, '{"success":false}'),
      ApiError,
      ['HTTP 200', ENDPOINT]
    ],
    [
      '200 with no success field',
      raw(200, JSON_TYPE, '{"compileId":"c-1"}'),
      ApiError,
      [ENDPOINT]
    ],
    [
      '400 that says success:true',
      raw(400, JSON_TYPE, '{"success":true,"errors":["bad request"]}'),
      ApiError,
      ['bad request']
    ],
    [
      'a hash mismatch',
      raw(
        200,
        JSON_TYPE,
        JSON.stringify({
          success: false,
          errors: [`Hash doesn't match. UID: 42 Hash: ${HASH} Timestamp: 1`]
        })
      ),
      AuthenticationError,
      ["Hash doesn't match", 'user-id', 'api-token']
    ]
  ])('%s', (_, answer, errorClass, fragments) => {
    const error = refusal(answer)

    expect(error).toBeInstanceOf(errorClass)
    if (errorClass !== AuthenticationError) {
      expect(error).not.toBeInstanceOf(AuthenticationError)
    }
    for (const fragment of fragments) {
      expect(error.message).toContain(fragment)
    }
    expect(error.message).not.toContain(TOKEN)
  })

  test('a hash mismatch names neither the user id nor the hash', () => {
    const error = refusal(
      raw(
        200,
        JSON_TYPE,
        JSON.stringify({
          success: false,
          errors: [`Hash doesn't match. UID: 42 Hash: ${HASH} Timestamp: 1`]
        })
      )
    )

    expect(error).toBeInstanceOf(AuthenticationError)
    expect(error.message).not.toMatch(/\b42\b/)
    expect(error.message).not.toContain(HASH)
    expect(error.message).not.toMatch(/[0-9a-f]{40}/i)
  })

  test("the API's text loses the token before it reaches the message", () => {
    const error = refusal(
      raw(
        200,
        JSON_TYPE,
        JSON.stringify({ success: false, errors: [`bad token ${TOKEN}`] })
      )
    )

    expect(error.message).toContain('bad token ***')
  })

  test('errors carry the endpoint and the status', () => {
    const error = refusal(raw(413, undefined, ''))

    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).endpoint).toBe(ENDPOINT)
    expect((error as ApiError).status).toBe(413)
  })

  test('a long body is quoted only by its start', () => {
    const body = `<html>${'x'.repeat(500)}END</html>`

    const error = refusal(raw(502, 'text/html', body))

    expect(error.message).not.toContain('END')
    expect(error.message.length).toBeLessThan(300)
  })

  test.each([
    ['120', 120_000],
    ['0', 0],
    [undefined, undefined]
  ])('a 503 with Retry-After %j asks to wait %p ms', (header, expected) => {
    const headers = header === undefined ? {} : { 'retry-after': header }

    const error = refusal(raw(503, undefined, '', headers))

    expect(error).toBeInstanceOf(TransientError)
    expect((error as TransientError).retryAfterMs).toBe(expected)
  })
})

describe('retryAfterMs', () => {
  const now = Date.parse('2024-05-01T12:00:00Z')

  test.each([
    ['30', 30_000],
    ['0', 0],
    ['1.5', 1_500],
    [['4', '8'], 4_000],
    ['Wed, 01 May 2024 12:00:45 GMT', 45_000],
    ['Wed, 01 May 2024 11:59:00 GMT', 0],
    ['soon', undefined],
    ['', undefined],
    [undefined, undefined],
    [[], undefined]
  ])('%j -> %p', (header, expected) => {
    expect(retryAfterMs(header, now)).toBe(expected)
  })
})

describe('readAnswer never leaks a secret through a cut body', () => {
  test('a token straddling the 80-character cut is redacted whole', () => {
    const body = `${'x'.repeat(70)} tok-SECRET-abc123 and more`
    let message = ''
    try {
      readAnswer('compile/read', { status: 502, headers: {}, body }, [
        'tok-SECRET-abc123'
      ])
    } catch (error) {
      message = (error as Error).message
    }

    expect(message).toContain('***')
    expect(message).not.toMatch(/tok-S/)
  })

  test('a redirect is final and names where it points', () => {
    expect(() =>
      readAnswer(
        'compile/create',
        {
          status: 301,
          headers: { location: 'https://example.test/' },
          body: ''
        },
        []
      )
    ).toThrow(/redirected \(HTTP 301\) to https:\/\/example.test\/.*base-url/)
  })
})

test.each([
  [407, /proxy asks for credentials.*HTTPS_PROXY/],
  [403, /proxy or firewall/]
])(
  'an HTML %i from something other than the API is final and says what to check',
  (status, hint) => {
    expect(() =>
      readAnswer(
        'compile/create',
        {
          status,
          headers: { 'content-type': 'text/html' },
          body: '<html>No</html>'
        },
        []
      )
    ).toThrow(hint)
  }
)
