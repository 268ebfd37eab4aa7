/**
 * The official QuantConnect CLI's poll schedule. No imports, so that the
 * CLI stand-in starts as fast as a minimal client can.
 */

/**
 * The official QuantConnect CLI's pauses between reads (lean-cli's
 * TaskManager.poll): it reads once at once, then pauses 0.25 s four times,
 * 1 s nine times, 2 s ten times, 5 s fifty-four times, then 10 s for ever.
 * Each pause starts when the previous answer arrived.
 */
export const CLI_PAUSES = [
  { pauseMs: 250, times: 4 },
  { pauseMs: 1_000, times: 9 },
  { pauseMs: 2_000, times: 10 },
  { pauseMs: 5_000, times: 54 },
  { pauseMs: 10_000, times: Infinity }
]

/**
 * The pause the CLI makes after its read number `n` (0 for the first).
 *
 * @param {number} n
 */
export function cliPauseMs(n) {
  let left = n
  for (const { pauseMs, times } of CLI_PAUSES) {
    if (left < times) return pauseMs
    left -= times
  }
  return CLI_PAUSES[CLI_PAUSES.length - 1].pauseMs
}

/**
 * The CLI's read times up to and including the first one at or after
 * `untilMs`.
 *
 * @param {number} untilMs
 */
export function cliReadTimes(untilMs) {
  const times = [0]
  while (times[times.length - 1] < untilMs) {
    times.push(times[times.length - 1] + cliPauseMs(times.length - 1))
  }
  return times
}
