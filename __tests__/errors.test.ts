import { describe, expect, test } from '@jest/globals'
import { errorMessage, InputError } from '../src/errors.js'

const circular: Record<string, unknown> = {}
circular.self = circular

describe('errorMessage', () => {
  test.each([
    [
      new InputError("Input 'project-id' is empty."),
      "Input 'project-id' is empty."
    ],
    [new Error(''), 'Error'],
    ['plain text', 'plain text'],
    [{ code: 42 }, '{"code":42}'],
    [undefined, undefined],
    [null, undefined],
    ['', undefined],
    [{}, undefined],
    [circular, undefined]
  ])('%p -> %j', (thrown, expected) => {
    const message = errorMessage(thrown)

    if (expected === undefined) {
      expect(message).toMatch(/^An unexpected error without a message/)
    } else {
      expect(message).toBe(expected)
    }
    expect(message).not.toMatch(/undefined|\[object Object\]/)
  })
})
