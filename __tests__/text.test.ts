import { describe, expect, test } from '@jest/globals'
import { count, cutToBytes } from '../src/text.js'

describe('count', () => {
  test.each([
    [0, 'build message', undefined, '0 build messages'],
    [1, 'build message', undefined, '1 build message'],
    [2, 'file', undefined, '2 files'],
    [3, 'more notice', undefined, '3 more notices'],
    [1, 'child', 'children', '1 child'],
    [4, 'child', 'children', '4 children']
  ])('%i %s -> %j', (n, singular, plural, expected) => {
    expect(count(n, singular, plural)).toBe(expected)
  })
})

describe('cutToBytes', () => {
  test.each([
    ['short', 10, '', 'short'],
    ['abcdefghij', 5, '', 'abcde'],
    ['abcdefghij', 6, '…', 'abc…'],
    // "é" is two bytes: a cut never splits it.
    ['ééé', 5, '', 'éé'],
    ['ééé', 3, '', 'é']
  ])('%j within %i bytes (note %j) -> %j', (text, limit, note, expected) => {
    const cut = cutToBytes(text, limit, note)

    expect(cut).toBe(expected)
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(limit)
  })
})
