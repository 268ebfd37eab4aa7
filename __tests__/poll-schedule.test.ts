import { describe, expect, test } from '@jest/globals'
import { nextPollDelayMs } from '../src/poll-schedule.js'

/** The times of the reads our schedule makes, up to `untilMs`. */
function ourReads(untilMs: number): number[] {
  const reads: number[] = []
  let at = 0
  while (at < untilMs) {
    at += nextPollDelayMs(at)
    reads.push(at)
  }
  return reads
}

/**
 * The official QuantConnect CLI's reads: 0.25 s apart four times, then 1 s
 * apart nine times, 2 s ten times, 5 s fifty-four times, then every 10 s.
 */
function cliReads(untilMs: number): number[] {
  const reads: number[] = []
  let at = 0
  const steps: [gapMs: number, times: number][] = [
    [250, 4],
    [1_000, 9],
    [2_000, 10],
    [5_000, 54]
  ]
  for (const [gapMs, times] of steps) {
    for (let i = 0; i < times; i += 1) {
      at += gapMs
      reads.push(at)
    }
  }
  while (at < untilMs) {
    at += 10_000
    reads.push(at)
  }
  return reads
}

/** Mean wait after the compile ends and mean number of reads, per schedule. */
function simulate(
  reads: readonly number[],
  durationsMs: readonly number[]
): { overshootMs: number; reads: number } {
  let overshoot = 0
  let count = 0
  for (const duration of durationsMs) {
    const index = reads.findIndex((at) => at >= duration)
    if (index < 0) {
      throw new Error(`no read at or after ${duration} ms`)
    }
    overshoot += (reads[index] ?? 0) - duration
    count += index + 1
  }
  return {
    overshootMs: overshoot / durationsMs.length,
    reads: count / durationsMs.length
  }
}

describe('nextPollDelayMs', () => {
  test.each([0, 100, 600, 1_199])(
    'the first read goes out at the same moment from %d ms',
    (elapsedMs) => {
      const first = elapsedMs + nextPollDelayMs(elapsedMs)

      expect(first).toBe(nextPollDelayMs(0))
      expect(first).toBeGreaterThanOrEqual(250)
      expect(first).toBeLessThanOrEqual(2_000)
    }
  )

  test.each([1_200, 2_000, 5_000, 12_000, 30_000, 60_000, 120_000, 600_000])(
    'the gap at %d ms lies within 0.25 s to 10 s and is whole milliseconds',
    (elapsedMs) => {
      const gap = nextPollDelayMs(elapsedMs)

      expect(gap).toBeGreaterThanOrEqual(250)
      expect(gap).toBeLessThanOrEqual(10_000)
      expect(Number.isInteger(gap)).toBe(true)
    }
  )

  test.each([
    [12_000, 1_000, 2_000],
    [120_000, 2_500, 4_000]
  ])('the gap at %d ms is between %d and %d ms', (elapsedMs, low, high) => {
    const gap = nextPollDelayMs(elapsedMs)

    expect(gap).toBeGreaterThanOrEqual(low)
    expect(gap).toBeLessThanOrEqual(high)
  })

  test.each([3_600_000, 6 * 3_600_000, 1e12])(
    'a long compile is read every 10 s at %d ms',
    (elapsedMs) => {
      expect(nextPollDelayMs(elapsedMs)).toBe(10_000)
    }
  )

  test('the gaps never shrink once the first read is out', () => {
    const reads = ourReads(6 * 3_600_000)
    const gaps = reads.slice(1).map((at, i) => at - (reads[i] ?? 0))

    gaps.slice(1).forEach((gap, i) => {
      expect(gap).toBeGreaterThanOrEqual(gaps[i] ?? 0)
    })
    expect(gaps.at(-1)).toBe(10_000)
  })

  test('reads strictly later each time', () => {
    const reads = ourReads(3_600_000)

    reads.slice(1).forEach((at, i) => {
      expect(at).toBeGreaterThan(reads[i] ?? 0)
    })
  })

  test('beats the official CLI on 1,000 compiles of 1 s to 120 s', () => {
    // Durations spread log-uniformly over 1 s to 120 s, fixed for the test.
    const count = 1_000
    const durationsMs = Array.from(
      { length: count },
      (_, i) => Math.exp((Math.log(120) * (i + 0.5)) / count) * 1_000
    )
    const horizon = 200_000

    const ours = simulate(ourReads(horizon), durationsMs)
    const cli = simulate(cliReads(horizon), durationsMs)

    expect(ours.overshootMs).toBeLessThanOrEqual(cli.overshootMs * 0.7)
    expect(ours.reads).toBeLessThanOrEqual(cli.reads)
  })
})
