/*
 * When to read the compile next. Compile times spread over orders of
 * magnitude (a second to minutes), so the gap between reads grows with the
 * time already spent: about 0.7 s early on, 1.5 s at 12 s, 3.6 s at two
 * minutes, 10 s at most. Tuned in bench/ against the official CLI's
 * schedule: a third less wait after the build ends, for no more reads on
 * compiles of 1 s to 2 min (a few more past that).
 */

/** When the first read goes out: few compiles end sooner. */
const FIRST_READ_MS = 1_200
const MIN_GAP_MS = 250
const MAX_GAP_MS = 10_000

/** The pause before the next `compile/read`, given the time since `compile/create`. */
export function nextPollDelayMs(elapsedMs: number): number {
  if (elapsedMs < FIRST_READ_MS) {
    return FIRST_READ_MS - elapsedMs
  }
  const seconds = elapsedMs / 1000
  // Slow growth (t^0.3) while most compiles end; past ~2 min, 3% of the
  // time spent so that a long compile does not cost hundreds of reads.
  const gapSeconds = Math.max(0.71 * seconds ** 0.3, 0.03 * seconds)
  return Math.round(
    Math.min(MAX_GAP_MS, Math.max(MIN_GAP_MS, gapSeconds * 1000))
  )
}
