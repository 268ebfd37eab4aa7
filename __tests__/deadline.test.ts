import { describe, expect, test } from '@jest/globals'
import { Deadline } from '../src/deadline.js'

describe('Deadline', () => {
  test('counts down on its clock and never below zero', () => {
    let clock = 1_000
    const deadline = new Deadline(5_000, () => clock)

    expect(deadline.remainingMs()).toBe(5_000)
    expect(deadline.expired).toBe(false)

    clock += 4_999
    expect(deadline.remainingMs()).toBe(1)

    clock += 10_000
    expect(deadline.remainingMs()).toBe(0)
    expect(deadline.expired).toBe(true)
  })
})
