import { describe, expect, test } from '@jest/globals'
import type { Diagnostic } from '../src/build-log.js'
import { mergeDuplicates } from '../src/diagnostics.js'

function at(message: string, place: Partial<Diagnostic> = {}): Diagnostic {
  return {
    file: 'Main.cs',
    line: 27,
    column: 81,
    severity: 'error',
    message,
    raw: `raw ${message}`,
    ...place
  }
}

describe('mergeDuplicates', () => {
  test.each([
    [
      'QuantConnect and MSBuild lines for one error keep the longer message',
      [at('; expected'), at('CS1002: ; expected')],
      ['CS1002: ; expected']
    ],
    [
      'the longer message first absorbs the shorter one',
      [at('CS1002: ; expected'), at('; expected')],
      ['CS1002: ; expected']
    ],
    [
      'different messages at one place are both kept, in one diagnostic',
      [at('; expected'), at('} expected')],
      ['; expected\n---\n} expected']
    ],
    [
      'MSBuild repeating an error at the end counts once',
      [at('CS1002: ; expected'), at('CS1002: ; expected')],
      ['CS1002: ; expected']
    ],
    [
      'other columns are other places',
      [at('x'), at('x', { column: 5 })],
      ['x', 'x']
    ],
    [
      'a warning and an error at one place stay apart',
      [at('x'), at('x', { severity: 'warning' })],
      ['x', 'x']
    ],
    [
      'unplaced diagnostics are never merged',
      [
        at('boom', { file: undefined, line: undefined }),
        at('boom', { file: undefined, line: undefined })
      ],
      ['boom', 'boom']
    ]
  ])('%s', (_name, input, messages) => {
    expect(mergeDuplicates(input).map((d) => d.message)).toEqual(messages)
  })

  test('keeps log order and every raw line, and leaves its input alone', () => {
    const input = [
      at('a', { line: 3 }),
      at('; expected'),
      at('CS1002: ; expected')
    ]
    const before = JSON.stringify(input)

    const merged = mergeDuplicates(input)

    expect(merged.map((d) => d.line)).toEqual([3, 27])
    expect(merged[1]?.raw).toBe('raw ; expected\nraw CS1002: ; expected')
    expect(JSON.stringify(input)).toBe(before)
  })
})
