/** Small numeric and formatting helpers shared by the bench measures. */

/**
 * The middle value (the mean of the two middle values for an even count).
 *
 * @param {number[]} values
 */
export function median(values) {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2
}

/** @param {number[]} values */
export function mean(values) {
  return values.reduce((sum, value) => sum + value, 0) / values.length
}

/**
 * Milliseconds as seconds, e.g. `0.79 s`.
 *
 * @param {number} ms
 * @param {number} [digits]
 */
export function seconds(ms, digits = 2) {
  return `${(ms / 1000).toFixed(digits)} s`
}

/**
 * Milliseconds as milliseconds, e.g. `104 ms`.
 *
 * @param {number} ms
 */
export function millis(ms) {
  return `${Math.round(ms)} ms`
}

/**
 * Bytes as KiB or MiB, e.g. `251 KiB`.
 *
 * @param {number} bytes
 */
export function size(bytes) {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MiB`
    : `${Math.round(bytes / 1024)} KiB`
}

/**
 * A signed difference, e.g. `+0.12 s` or `-0.40 s`.
 *
 * @param {number} ms
 */
export function signedSeconds(ms) {
  const text = seconds(Math.abs(ms))
  return text === seconds(0) ? `±${text}` : `${ms > 0 ? '+' : '-'}${text}`
}

/** @param {boolean} met */
export function verdict(met) {
  return met ? '**Met**' : '**Not met**'
}
