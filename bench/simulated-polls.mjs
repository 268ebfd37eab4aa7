/**
 * Measure 1: overshoot and reads on a simulated clock, where every request
 * takes no time. Overshoot is the time from the end of the compile to the
 * first read at or after it; that read is the last one a client makes.
 */

import { cliReadTimes } from './cli-schedule.mjs'
import { loadNextPollDelayMs, ourReadTimes } from './our-schedule.mjs'
import { mean, seconds, verdict } from './stats.mjs'

const SAMPLE_SIZE = 2_000
const SHORTEST_MS = 1_000
const LONGEST_MS = 120_000
const LONG_COMPILES_MS = [2, 10, 30].map((minutes) => minutes * 60_000)
/** The bar: at least this share less mean overshoot, no more mean reads. */
const OVERSHOOT_CUT = 0.3

/**
 * A fixed sample of compile durations spread log-uniformly: the midpoints
 * of SAMPLE_SIZE equal steps of log(duration).
 */
export function compileDurations() {
  const low = Math.log(SHORTEST_MS)
  const span = Math.log(LONGEST_MS) - low
  return Array.from({ length: SAMPLE_SIZE }, (_, i) =>
    Math.exp(low + ((i + 0.5) / SAMPLE_SIZE) * span)
  )
}

/**
 * Which read first sees the end of a compile of `durationMs`, and the
 * overshoot.
 *
 * @param {number[]} readTimes ascending
 * @param {number} durationMs
 */
export function firstReadAfter(readTimes, durationMs) {
  const index = readTimes.findIndex((time) => time >= durationMs)
  return { reads: index + 1, overshootMs: readTimes[index] - durationMs }
}

/** @param {number[]} readTimes */
function summarize(readTimes) {
  const outcomes = compileDurations().map((d) => firstReadAfter(readTimes, d))
  return {
    overshootMs: mean(outcomes.map((outcome) => outcome.overshootMs)),
    reads: mean(outcomes.map((outcome) => outcome.reads)),
    longReads: LONG_COMPILES_MS.map((d) => firstReadAfter(readTimes, d).reads)
  }
}

/** @returns {Promise<import('./report.mjs').Section>} */
export async function simulatedPolls() {
  const nextPollDelayMs = await loadNextPollDelayMs()
  const until = Math.max(...LONG_COMPILES_MS)
  const ours = summarize(ourReadTimes(nextPollDelayMs, until))
  const cli = summarize(cliReadTimes(until))
  const cliWithoutFirst = summarize(cliReadTimes(until).slice(1))

  const cut = 1 - ours.overshootMs / cli.overshootMs
  const met = cut >= OVERSHOOT_CUT && ours.reads <= cli.reads
  const row = (/** @type {string} */ name, /** @type {typeof ours} */ s) => [
    name,
    seconds(s.overshootMs),
    s.reads.toFixed(2),
    ...s.longReads.map(String)
  ]

  return {
    title: '1. Overshoot and reads, simulated',
    intro:
      `${SAMPLE_SIZE} compile durations spread log-uniformly from ` +
      `${SHORTEST_MS / 1000} s to ${LONGEST_MS / 1000} s, on a clock ` +
      'where requests take no time. Overshoot: compile end to the first ' +
      'read at or after it. Reads: `compile/read` requests up to that one.',
    header: [
      'schedule',
      'mean overshoot',
      'mean reads',
      'reads, 2-min compile',
      'reads, 10-min',
      'reads, 30-min'
    ],
    rows: [row('ours (src/poll-schedule.ts)', ours), row('official CLI', cli)],
    verdicts: [
      `${verdict(met)}: ours cuts the mean overshoot by ` +
        `${(cut * 100).toFixed(0)}% (bar ${OVERSHOOT_CUT * 100}%) with ` +
        `${ours.reads.toFixed(2)} mean reads against the CLI's ` +
        `${cli.reads.toFixed(2)} (bar: no more).`
    ],
    notes: [
      'The CLI reads once as soon as `compile/create` answers; that read ' +
        'never sees the end of a compile of 1 s or more. Without it the ' +
        `CLI would average ${cliWithoutFirst.reads.toFixed(2)} reads.`,
      longCompileNote(ours.longReads, cli.longReads)
    ].filter(Boolean)
  }
}

/**
 * A note when ours reads more than the CLI on a long compile, which no bar
 * covers; empty otherwise.
 *
 * @param {number[]} ours
 * @param {number[]} cli
 */
function longCompileNote(ours, cli) {
  const more = LONG_COMPILES_MS.flatMap((d, i) =>
    ours[i] > cli[i] ? [`${d / 60_000} min: ${ours[i]} vs ${cli[i]}`] : []
  )
  return more.length === 0
    ? ''
    : `On long compiles ours reads more than the CLI (${more.join('; ')}); ` +
        'no bar covers them.'
}
