/**
 * Measure 2: overshoot and reads in real runs. The committed bundle and the
 * CLI stand-in (bench/cli-schedule-poller.mjs) each compile on their own
 * emulator; overshoot is wall-clock (process start to exit) minus the
 * compile duration, so it includes start-up and exit as a user feels them.
 */

import { cliReadTimes } from './cli-schedule.mjs'
import {
  clientSetup,
  requestsTo,
  startBenchEmulator,
  stepInputs
} from './fixtures.mjs'
import { loadNextPollDelayMs, ourReadTimes } from './our-schedule.mjs'
import {
  expectSuccess,
  machineNode,
  runBenchScript,
  runStep
} from './processes.mjs'
import { median, seconds, signedSeconds, verdict } from './stats.mjs'

const DURATIONS_S = [33.5, 12.2, 4.7, 1.3]
const REPEATS = 5
/** Starts this far apart, so that no two start-ups share the CPU. */
const STAGGER_MS = 250
/** The bar: ours at most this much later than the CLI schedule... */
const OVERSHOOT_SLACK_MS = 300
/** ...and at most this many more reads. */
const READ_SLACK = 1

/** @typedef {'ours' | 'cli'} Poller */
const POLLERS = /** @type {Poller[]} */ (['ours', 'cli'])
const FIGURES = /** @type {const} */ ([
  'overshootMs',
  'startToCreateMs',
  'endToLastReadMs',
  'lastReadToExitMs',
  'reads',
  'lateMs'
])
/** @typedef {Record<(typeof FIGURES)[number], number>} Figures */

/**
 * One run of `poller` on a compile of `durationS`, against its own
 * emulator, started after `delayMs`. `onPaper` holds the poller's read
 * times after `compile/create` when requests take no time.
 *
 * @param {Poller} poller
 * @param {number} durationS
 * @param {number} delayMs
 * @param {number[]} onPaper
 * @returns {Promise<Figures>}
 */
async function measure(poller, durationS, delayMs, onPaper) {
  const emulator = await startBenchEmulator({ compileSeconds: durationS })
  try {
    await new Promise((resolve) => setTimeout(resolve, delayMs))
    const node = machineNode().path
    const run =
      poller === 'ours'
        ? await runStep({ node, inputs: stepInputs(emulator) })
        : await runCli(node, emulator)
    expectSuccess(run, `The ${poller} poller on a ${durationS} s compile`)

    const reads = requestsTo(emulator, 'compile/read')
    const createdAt = requestsTo(emulator, 'compile/create')[0].time
    const lastReadAt = reads[reads.length - 1].time
    const durationMs = durationS * 1000
    return {
      overshootMs: run.exitedAt - run.startedAt - durationMs,
      startToCreateMs: createdAt - run.startedAt,
      endToLastReadMs: lastReadAt - (createdAt + durationMs),
      lastReadToExitMs: run.exitedAt - lastReadAt,
      reads: reads.length,
      lateMs: lastReadAt - createdAt - onPaper[reads.length - 1]
    }
  } finally {
    await emulator.close()
  }
}

/**
 * @param {string} node
 * @param {{ url: string }} emulator
 */
function runCli(node, emulator) {
  const { args, env } = clientSetup(emulator)
  return runBenchScript(node, 'cli-schedule-poller.mjs', args, env)
}

/**
 * Every run at once, starts staggered: the longest compiles first, ours
 * and the CLI stand-in alternating which goes first.
 */
function plan() {
  const slots = []
  for (const durationS of DURATIONS_S) {
    for (let repeat = 0; repeat < REPEATS; repeat++) {
      const order = repeat % 2 === 0 ? POLLERS : [...POLLERS].reverse()
      for (const poller of order) slots.push({ poller, durationS })
    }
  }
  return slots.map((slot, index) => ({ ...slot, delayMs: index * STAGGER_MS }))
}

/** @returns {Promise<import('./report.mjs').Section>} */
export async function realPolls() {
  const untilMs = (Math.max(...DURATIONS_S) + 60) * 1000
  const onPaper = {
    ours: ourReadTimes(await loadNextPollDelayMs(), untilMs),
    cli: cliReadTimes(untilMs)
  }
  const slots = plan()
  const figures = await Promise.all(
    slots.map((slot) =>
      measure(slot.poller, slot.durationS, slot.delayMs, onPaper[slot.poller])
    )
  )
  /** @param {Poller} poller @param {number} durationS */
  const medians = (poller, durationS) => {
    const runs = figures.filter(
      (_, i) => slots[i].poller === poller && slots[i].durationS === durationS
    )
    return /** @type {Figures} */ (
      Object.fromEntries(
        FIGURES.map((key) => [key, median(runs.map((run) => run[key]))])
      )
    )
  }

  const rows = []
  const verdicts = []
  for (const durationS of [...DURATIONS_S].reverse()) {
    const ours = medians('ours', durationS)
    const cli = medians('cli', durationS)
    for (const [name, m] of /** @type {[string, Figures][]} */ ([
      ['ours (dist/index.js)', ours],
      ['CLI schedule (stand-in)', cli]
    ])) {
      rows.push([
        `${durationS} s`,
        name,
        seconds(m.overshootMs),
        seconds(m.startToCreateMs),
        seconds(m.endToLastReadMs),
        seconds(m.lastReadToExitMs),
        String(m.reads),
        seconds(m.lateMs)
      ])
    }
    const lateMs = ours.overshootMs - cli.overshootMs
    const met =
      lateMs <= OVERSHOOT_SLACK_MS && ours.reads <= cli.reads + READ_SLACK
    verdicts.push(
      `${durationS} s compile: ${verdict(met)}: overshoot ` +
        `${seconds(ours.overshootMs)} vs ${seconds(cli.overshootMs)} ` +
        `(${signedSeconds(lateMs)}; bar +${seconds(OVERSHOOT_SLACK_MS, 1)}), ` +
        `reads ${ours.reads} vs ${cli.reads} (bar: at most ${READ_SLACK} more).`
    )
  }

  return {
    title: '2. Overshoot and reads, real runs',
    intro:
      'The committed bundle and a CLI-schedule stand-in, each on this ' +
      `machine's node (${machineNode().version}) against its own emulator ` +
      `whose compile takes the given time. Medians of ${REPEATS} runs each. ` +
      'Overshoot = process start to exit minus the compile time: the sum ' +
      'of the next three columns (emulator arrival times). Late by: how ' +
      'much later the last read came than on paper (section 1), from the ' +
      'time the earlier requests took.',
    header: [
      'compile',
      'poller',
      'overshoot',
      'start → create',
      'compile end → last read',
      'last read → exit',
      'reads',
      'late by'
    ],
    rows,
    verdicts,
    notes: [
      `All ${slots.length} runs go at once to fit the time budget, ` +
        `${STAGGER_MS} ms apart (longest compiles first, the two pollers ` +
        'alternating); between reads every process sleeps, so they barely ' +
        'share the CPU. The stand-in is a minimal Node client: it starts ' +
        "faster than the CLI's own Python would.",
      'The 12.2 s compile ends 0.2 s after a CLI read on paper (12 s), so ' +
        'its CLI figures swing with load: when that read is 0.2 s late it ' +
        'sees the end at once, otherwise the next read comes 2 s later.'
    ]
  }
}
