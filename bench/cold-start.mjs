/**
 * Measure 3: cold start. Time from process start to the first API request
 * the emulator receives, for the bundle, against a bare `node -e 0` (start
 * to exit) on the same node. The emulator refuses `compile/create`, so each
 * run stops right after its first request.
 */

import { statSync } from 'node:fs'
import { join } from 'node:path'
import { clientSetup, startBenchEmulator, stepInputs } from './fixtures.mjs'
import {
  REPOSITORY_ROOT,
  nodeBinaries,
  runBenchScript,
  runStep,
  timedSpawn
} from './processes.mjs'
import { median, millis, size, verdict } from './stats.mjs'

const ROUNDS = 20
/** The bar, on this machine's node only. */
const MAX_RATIO = 1.5

/** @type {import('../emulator/scenario.mjs').Scenario} */
const STOP_AT_CREATE = {
  faults: [
    {
      endpoint: 'compile/create',
      success: false,
      errors: ['The bench stops every run at its first request.']
    }
  ]
}

/**
 * @typedef {Awaited<ReturnType<typeof startBenchEmulator>>} Emulator
 * @typedef {(node: string, emulator: Emulator) => Promise<number>} Probe
 */

/**
 * Milliseconds from a run's start to the first request it made.
 *
 * @param {Emulator} emulator
 * @param {() => Promise<import('./processes.mjs').TimedRun>} start
 */
async function toFirstRequest(emulator, start) {
  const before = emulator.requests.length
  const run = await start()
  const first = emulator.requests[before]
  if (!first || first.endpoint !== 'compile/create') {
    throw new Error(`Expected compile/create first.\n${run.stdout}`)
  }
  return first.time - run.startedAt
}

/** @type {Record<string, Probe>} */
const PROBES = {
  bare: async (node) => {
    const run = await timedSpawn(node, ['-e', '0'], {
      env: { PATH: process.env.PATH ?? '' }
    })
    return run.exitedAt - run.startedAt
  },
  bundle: (node, emulator) =>
    toFirstRequest(emulator, () =>
      runStep({ node, inputs: stepInputs(emulator) })
    ),
  standIn: (node, emulator) => {
    const { args, env } = clientSetup(emulator)
    return toFirstRequest(emulator, () =>
      runBenchScript(node, 'cli-schedule-poller.mjs', args, env)
    )
  }
}

/** @returns {Promise<import('./report.mjs').Section>} */
export async function coldStart() {
  const emulator = await startBenchEmulator({ scenario: STOP_AT_CREATE })
  const nodes = nodeBinaries()
  /** @type {Map<string, number[]>} */
  const times = new Map()
  const names = Object.keys(PROBES)
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const node of nodes) {
        // Each round starts with a different probe, against drift.
        const order = names.map((_, i) => names[(i + round) % names.length])
        for (const name of order) {
          const ms = await PROBES[name](node.path, emulator)
          const key = `${node.name} ${name}`
          times.set(key, [...(times.get(key) ?? []), ms])
        }
      }
    }
  } finally {
    await emulator.close()
  }

  const rows = []
  const verdicts = []
  for (const [index, node] of nodes.entries()) {
    const of = (/** @type {string} */ name) =>
      median(times.get(`${node.name} ${name}`) ?? [])
    const ratio = of('bundle') / of('bare')
    rows.push([
      `${node.name} (${node.version})`,
      millis(of('bare')),
      millis(of('bundle')),
      ratio.toFixed(2),
      millis(of('standIn')),
      (of('standIn') / of('bare')).toFixed(2)
    ])
    if (index === 0) {
      verdicts.push(
        `${verdict(ratio <= MAX_RATIO)}: on this machine's ${node.name} the ` +
          `bundle reaches its first request in ${ratio.toFixed(2)}× the ` +
          `time of a bare \`node -e 0\` (bar ${MAX_RATIO}×).`
      )
    }
  }

  const chunk = statSync(join(REPOSITORY_ROOT, 'dist/413.index.js')).size
  return {
    title: '3. Cold start',
    intro:
      'Process start to the first request the emulator receives ' +
      '(`compile/create`), against a bare `node -e 0` from start to exit ' +
      `on the same node. ${ROUNDS} runs of each, interleaved; medians.`,
    header: [
      'node',
      '`node -e 0`',
      '`node dist/index.js`',
      'ratio',
      'minimal signed client',
      'ratio'
    ],
    rows,
    verdicts,
    notes: [
      'The minimal signed client is bench/cli-schedule-poller.mjs: a ' +
        'floor for any Node client that signs with node:crypto and ' +
        'talks over node:http.',
      'Octokit (dist/413.index.js, ' +
        `${size(chunk)}) loads only when \`check-name\` is set; check ` +
        'runs need GitHub, so no run here loads it.'
    ]
  }
}
