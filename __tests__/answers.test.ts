import { describe, expect, test } from '@jest/globals'
import {
  apiText,
  CompileCreateAnswer,
  CompileReadAnswer,
  Envelope,
  FilesReadAnswer
} from '../src/quantconnect/answers.js'
import { redact } from '../src/quantconnect/redact.js'

const HASH = 'a'.repeat(32) + '0123456789abcdef'.repeat(2)

describe('Envelope', () => {
  test.each([
    [{ success: true }, { success: true }],
    [
      { success: null, errors: null },
      { success: null, errors: null }
    ],
    [{ success: 'yes' }, { success: null }],
    [{ errors: 'broken' }, { errors: null }],
    [{ Message: 42 }, { Message: null }],
    [
      { success: false, extra: 1 },
      { success: false, extra: 1 }
    ]
  ])('reads %j leniently', (body, expected) => {
    expect(Envelope.parse(body)).toMatchObject(expected)
  })

  test.each([null, 'text', 42, []])(
    'refuses %j, which is no object',
    (body) => {
      expect(Envelope.safeParse(body).success).toBe(false)
    }
  )
})

describe('apiText', () => {
  test.each([
    [{}, ''],
    [{ errors: ['Project not found'] }, 'Project not found'],
    [{ messages: ['Queued'] }, 'Queued'],
    [{ Message: 'Invalid request' }, 'Invalid request'],
    [{ errors: ['a', ' b '], messages: ['c'], Message: 'd' }, 'a; b; c; d'],
    [{ errors: ['', '  ', 'only'] }, 'only'],
    [{ errors: [{ code: 7 }] }, '{"code":7}'],
    [{ errors: [3] }, '3']
  ])('%j -> %j', (fields, expected) => {
    expect(apiText(Envelope.parse(fields))).toBe(expected)
  })
})

describe('CompileCreateAnswer', () => {
  test('reads the compile id, state, signature and detected parameters', () => {
    const answer = CompileCreateAnswer.parse({
      success: true,
      compileId: 'c-1',
      state: 'InQueue',
      signature: 'sig',
      parameters: [
        {
          file: 'main.py',
          parameters: [
            { line: 12, type: '3 LEAN API parameters' },
            { line: '40', type: '1 parameter' }
          ]
        }
      ]
    })

    expect(answer).toMatchObject({
      compileId: 'c-1',
      state: 'InQueue',
      signature: 'sig',
      parameters: [
        {
          file: 'main.py',
          parameters: [
            { line: 12, type: '3 LEAN API parameters' },
            { line: 40, type: '1 parameter' }
          ]
        }
      ]
    })
  })

  test.each([[null], [undefined], ['none'], [{}]])(
    'parameters of %j read as none',
    (parameters) => {
      expect(
        CompileCreateAnswer.parse({ compileId: 'c-1', parameters }).parameters
      ).toEqual([])
    }
  )

  test.each([[0], [-4], [1.5], ['abc'], [null], [undefined]])(
    'a line of %j reads as no line',
    (line) => {
      const answer = CompileCreateAnswer.parse({
        compileId: 'c-1',
        parameters: [{ file: 'main.py', parameters: [{ line, type: 'x' }] }]
      })

      expect(answer.parameters[0]?.parameters[0]?.line).toBeUndefined()
    }
  )

  test('keeps what it can of odd entries and drops the rest', () => {
    const answer = CompileCreateAnswer.parse({
      compileId: 'c-1',
      parameters: [
        'junk',
        null,
        { file: 'a.py', parameters: null },
        { parameters: [{ line: 3 }, 7, { line: 4, type: 'ok' }] }
      ]
    })

    expect(answer.parameters).toEqual([
      { file: 'a.py', parameters: [] },
      {
        file: '',
        parameters: [
          { line: 3, type: '' },
          { line: 4, type: 'ok' }
        ]
      }
    ])
  })

  test.each([[{}], [{ compileId: '' }], [{ compileId: null }]])(
    'refuses %j, which has no compile id',
    (body) => {
      expect(CompileCreateAnswer.safeParse(body).success).toBe(false)
    }
  )
})

describe('CompileReadAnswer', () => {
  test.each([
    [{ state: 'BuildSuccess', logs: ['a', 'b'] }, 'BuildSuccess', ['a', 'b']],
    [{ state: null, logs: null }, null, []],
    [{}, null, []],
    [{ state: 7, logs: ['a', 3, null, 'b'] }, null, ['a', 'b']]
  ])('%j -> state %j, logs %j', (body, state, logs) => {
    const answer = CompileReadAnswer.parse(body)

    expect(answer.state ?? null).toBe(state)
    expect(answer.logs).toEqual(logs)
  })
})

describe('FilesReadAnswer', () => {
  test('keeps files with a name and drops the rest', () => {
    const answer = FilesReadAnswer.parse({
      files: [
        { name: 'main.py', content: 'print(1)', isLibrary: false },
        { name: 'lib.py', content: null },
        { name: '', content: 'x' },
        { content: 'no name' },
        'junk'
      ]
    })

    expect(answer.files).toEqual([
      { name: 'main.py', content: 'print(1)', isLibrary: false },
      { name: 'lib.py', content: null }
    ])
  })

  test('a null file list reads as none', () => {
    expect(FilesReadAnswer.parse({ files: null }).files).toEqual([])
  })
})

describe('redact', () => {
  test.each([
    [
      `Hash doesn't match. UID: 42 Hash: ${HASH} Timestamp: 1`,
      [],
      "Hash doesn't match. UID: *** Hash: *** Timestamp: 1"
    ],
    ['uid:42, hash:abc; done', [], 'uid:***, hash:***; done'],
    [
      'Invalid Authorization: Basic NDI6OWY4NmQwODE4ODRj=',
      [],
      'Invalid Authorization: Basic ***'
    ],
    ['Authorization: xyz123 refused', [], 'Authorization: *** refused'],
    ['Bearer ghs_abc.def-1 expired', [], 'Bearer *** expired'],
    [`signature ${HASH} seen`, [], 'signature *** seen'],
    [`short ${'a'.repeat(39)} kept`, [], `short ${'a'.repeat(39)} kept`],
    [
      'token tok-123 leaked, tok-123 again',
      ['tok-123'],
      'token *** leaked, *** again'
    ],
    ['token a.b+c(d) leaked', ['a.b+c(d)'], 'token *** leaked'],
    ['nothing to hide', ['', 'absent'], 'nothing to hide'],
    ['Project 42 not found', [], 'Project 42 not found']
  ])('%j with secrets %j -> %j', (text, secrets, expected) => {
    expect(redact(text, secrets)).toBe(expected)
  })
})
