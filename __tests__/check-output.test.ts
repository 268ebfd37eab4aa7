import { describe, expect, test } from '@jest/globals'
import type { Finding } from '../src/findings.js'
import { cutToBytes as cut } from '../src/text.js'
import {
  toAnnotation,
  toCheckOutput,
  unplacedText
} from '../src/report/check-output.js'

const placed: Finding = {
  level: 'error',
  path: 'main.py',
  line: 3,
  column: 9,
  title: 'Build error',
  message: 'name x is not defined'
}

describe('cut', () => {
  test.each([
    ['fits', 'abc', 3, '', 'abc'],
    ['ascii', 'abcdef', 4, '', 'abcd'],
    ['note counted', 'abcdef', 5, '~', 'abcd~'],
    ['two-byte characters whole', 'ééé', 5, '', 'éé'],
    ['surrogate pairs whole', '😀😀', 7, '', '😀'],
    ['no room but the note', 'abcdef', 1, '~', '~']
  ])('%s', (_case, text, maxBytes, note, expected) => {
    const result = cut(text, maxBytes, note)

    expect(result).toBe(expected)
    expect(Buffer.byteLength(result)).toBeLessThanOrEqual(maxBytes)
  })
})

describe('toAnnotation', () => {
  test.each([
    ['no path', { path: undefined }],
    ['no line', { line: undefined }],
    ['line 0', { line: 0 }]
  ])('none for a finding with %s', (_case, fields) => {
    expect(toAnnotation({ ...placed, ...fields })).toBeUndefined()
  })

  test('a column of 0 is left out', () => {
    expect(toAnnotation({ ...placed, column: 0 })).not.toHaveProperty(
      'start_column'
    )
  })

  test('a message over 64 KB and a title over 255 bytes are cut', () => {
    const annotation = toAnnotation({
      ...placed,
      title: 't'.repeat(300),
      message: 'ü'.repeat(40_000)
    })

    expect(annotation?.title).toHaveLength(255)
    expect(Buffer.byteLength(annotation?.message ?? '')).toBeLessThanOrEqual(
      64_000
    )
    expect(annotation?.message).toMatch(/Cut here: .* 64 KB/)
  })
})

describe('toCheckOutput', () => {
  test('no text when every finding is placed', () => {
    const { output, annotations, unplaced } = toCheckOutput('t', 's', [placed])

    expect(output).toEqual({ title: 't', summary: 's' })
    expect(annotations).toHaveLength(1)
    expect(unplaced).toBe(0)
  })

  test('a text longer than GitHub keeps is cut and says so', () => {
    const many = Array.from({ length: 2000 }, (_, i) => ({
      ...placed,
      path: undefined,
      message: `${i} ${'m'.repeat(50)}`
    }))

    const text = unplacedText(many)

    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(65535)
    expect(text).toMatch(/job summary lists every finding\.\)$/)
  })

  test('multi-line messages stay inside their list item', () => {
    const text = unplacedText([
      { ...placed, path: undefined, message: 'first\nsecond' }
    ])

    expect(text).toContain('- **Build error** (error): first\n  second')
  })
})
