import { describe, expect, test } from '@jest/globals'
import fc from 'fast-check'
import { parseBuildLog } from '../src/build-log.js'
import { ActionError } from '../src/errors.js'
import {
  CompileCreateAnswer,
  CompileReadAnswer,
  FilesReadAnswer,
  apiText,
  Envelope
} from '../src/quantconnect/answers.js'
import { readAnswer } from '../src/quantconnect/responses.js'

/*
 * Random and malformed input for the parts that read what the outside world
 * sends: they return a value or throw one of our own typed errors, never
 * anything else, and finish quickly.
 */

const anyJson = fc.jsonValue({ maxDepth: 4 })

/** Answers shaped like QuantConnect's, with every field possibly wrong. */
const answerLike = fc.record(
  {
    success: fc.oneof(fc.boolean(), fc.constant(null), fc.string()),
    errors: fc.oneof(fc.constant(null), fc.array(anyJson), fc.string()),
    messages: fc.oneof(fc.constant(null), fc.array(fc.string())),
    Message: fc.oneof(fc.constant(null), fc.string(), fc.integer()),
    compileId: fc.oneof(fc.string(), fc.constant(null), fc.integer()),
    state: fc.oneof(
      fc.constantFrom('InQueue', 'BuildSuccess', 'BuildError', 'Building'),
      fc.string(),
      fc.constant(null)
    ),
    logs: fc.oneof(fc.constant(null), fc.array(anyJson)),
    parameters: fc.oneof(fc.constant(null), fc.array(anyJson)),
    files: fc.oneof(fc.constant(null), fc.array(anyJson))
  },
  { requiredKeys: [] }
)

const logLine = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc
    .tuple(
      fc.constantFrom('Build Error', 'Build Warning', 'build error:', 'File "'),
      fc.string({ maxLength: 40 }),
      fc.constantFrom(' Line:', ' Line ', '", line ', '(', ','),
      fc.oneof(fc.nat(), fc.string({ maxLength: 5 })),
      fc.constantFrom(' Column:', ')', ': error CS1:', ' - ', ''),
      fc.string({ maxLength: 60 })
    )
    .map((parts) => parts.join(''))
)

describe('property: answer readers', () => {
  test.each([
    ['compile/create', CompileCreateAnswer, 'parameters'],
    ['compile/read', CompileReadAnswer, 'logs'],
    ['files/read', FilesReadAnswer, 'files']
  ])('%s shapes never throw on answer-like input', (_name, shape, list) => {
    fc.assert(
      fc.property(answerLike, (answer) => {
        const parsed = shape.safeParse(answer)
        if (parsed.success) {
          // Lists the action iterates are always arrays.
          const data = parsed.data as Record<string, unknown>
          expect(Array.isArray(data[list])).toBe(true)
        }
      }),
      { numRuns: 500 }
    )
  })

  test('readAnswer returns an envelope or throws an ActionError', () => {
    const body = fc.oneof(
      anyJson.map((value) => JSON.stringify(value)),
      answerLike.map((value) => JSON.stringify(value)),
      fc.string({ maxLength: 300 })
    )
    const status = fc.constantFrom(
      200,
      201,
      204,
      400,
      401,
      403,
      404,
      413,
      429,
      500,
      502,
      503
    )
    fc.assert(
      fc.property(status, body, fc.string(), (code, text, type) => {
        try {
          const envelope = readAnswer(
            'compile/read',
            { status: code, headers: { 'content-type': type }, body: text },
            ['tok']
          )
          expect(envelope.success).toBe(true)
          expect(typeof apiText(Envelope.parse(envelope))).toBe('string')
        } catch (error) {
          expect(error).toBeInstanceOf(ActionError)
          expect((error as Error).message).not.toMatch(
            /undefined|\[object Object\]/
          )
        }
      }),
      { numRuns: 1000 }
    )
  })
})

describe('property: build-log parser', () => {
  test('never throws and places only positive lines', () => {
    fc.assert(
      fc.property(fc.array(logLine, { maxLength: 30 }), (lines) => {
        for (const diagnostic of parseBuildLog(lines)) {
          if (diagnostic.line !== undefined) {
            expect(Number.isInteger(diagnostic.line)).toBe(true)
            expect(diagnostic.line).toBeGreaterThan(0)
          }
          expect(['error', 'warning']).toContain(diagnostic.severity)
          expect(typeof diagnostic.message).toBe('string')
        }
      }),
      { numRuns: 1000 }
    )
  })

  test('stays linear on long adversarial lines', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('Build Error File: ', 'File "', 'x(', 'Build Error '),
        fc.constantFrom(' Line', ' Line:1', '(1,', ', line ', ' '),
        (head, filler) => {
          const line = head + filler.repeat(20_000)
          // A backtracking regex would hang here past the test's timeout.
          expect(Array.isArray(parseBuildLog([line, line]))).toBe(true)
        }
      ),
      { numRuns: 40 }
    )
  }, 10_000)
})
