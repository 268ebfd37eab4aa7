/**
 * Measure 5: push. The bundle with `push: 'true'` on a generated Python
 * project whose cloud copy differs in a few files, beside a baseline that
 * sends every file (bench/push-all-baseline.mjs): requests, and time from
 * process start to `compile/create`. Loopback answers at once, which flatters
 * a client that sends many requests, so the runs are repeated with every
 * answer delayed as by a distant server.
 */

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  clientSetup,
  requestsTo,
  startBenchEmulator,
  stepInputs
} from './fixtures.mjs'
import {
  expectSuccess,
  machineNode,
  runBenchScript,
  runStep
} from './processes.mjs'
import {
  CHANGED,
  FILE_COUNT,
  changedIndices,
  cloudFiles,
  projectFiles,
  writeProject
} from './python-project.mjs'
import { median, seconds } from './stats.mjs'

const PROJECT_ID = 7002
const FOLDER = 'algorithm'
const REPEATS = 4
/** Loopback as it is, then each answer this much later. */
const LATENCIES_MS = [0, 50]
const ENDPOINTS = [
  'files/read',
  'files/update',
  'compile/create',
  'compile/read'
]

/** @typedef {'ours' | 'baseline'} Client */

/**
 * One run of `client` against a fresh emulator holding the cloud copy.
 *
 * @param {Client} client
 * @param {string} workspace
 * @param {number} latencyMs
 */
async function measure(client, workspace, latencyMs) {
  const faults = ENDPOINTS.map((endpoint) => ({ endpoint, delayMs: latencyMs }))
  const language = /** @type {const} */ ('Py')
  const project = { id: PROJECT_ID, language, files: cloudFiles() }
  const emulator = await startBenchEmulator({
    projects: [project],
    compileSeconds: 0,
    scenario: latencyMs > 0 ? { faults } : {}
  })
  try {
    const run =
      client === 'ours'
        ? await runStep({
            node: machineNode().path,
            workspace,
            inputs: stepInputs(
              emulator,
              { 'project-path': FOLDER, push: 'true' },
              PROJECT_ID
            )
          })
        : await runBaseline(emulator, join(workspace, FOLDER))
    expectSuccess(run, `The ${client} push`)
    expectCloudMatches(emulator)

    const created = requestsTo(emulator, 'compile/create')[0]
    return {
      files: requestsTo(emulator, 'files/').length,
      total: emulator.requests.length,
      toCreateMs: created.time - run.startedAt
    }
  } finally {
    await emulator.close()
  }
}

/**
 * @param {{ url: string }} emulator
 * @param {string} folder
 */
function runBaseline(emulator, folder) {
  const { args, env } = clientSetup(emulator, PROJECT_ID)
  return runBenchScript(
    machineNode().path,
    'push-all-baseline.mjs',
    [...args, folder],
    env
  )
}

/**
 * Both clients must leave the cloud holding the repository's files.
 *
 * @param {{ project: (id: number) => Map<string, string> | undefined }} emulator
 */
function expectCloudMatches(emulator) {
  const cloud = emulator.project(PROJECT_ID)
  const wanted = projectFiles(changedIndices())
  const wrong = wanted.filter((file) => cloud?.get(file.name) !== file.content)
  if (cloud?.size !== wanted.length || wrong.length > 0) {
    throw new Error(`After the push the cloud differs: ${wrong[0]?.name}`)
  }
}

/** @param {{ files: number, total: number, toCreateMs: number }} m */
function cells(m) {
  return [String(m.files), String(m.total), seconds(m.toCreateMs)]
}

/** @returns {Promise<import('./report.mjs').Section>} */
export async function push() {
  const workspace = mkdtempSync(join(tmpdir(), 'qc-bench-push-'))
  /** @type {Map<string, Awaited<ReturnType<typeof measure>>[]>} */
  const runs = new Map()
  try {
    writeProject(join(workspace, FOLDER))
    for (const latencyMs of LATENCIES_MS) {
      for (let i = 0; i < REPEATS; i++) {
        /** @type {Client[]} */
        const order = i % 2 === 0 ? ['ours', 'baseline'] : ['baseline', 'ours']
        for (const client of order) {
          const key = `${client} ${latencyMs}`
          const run = await measure(client, workspace, latencyMs)
          runs.set(key, [...(runs.get(key) ?? []), run])
        }
      }
    }
  } finally {
    rmSync(workspace, { recursive: true, force: true })
  }

  /** @param {Client} client @param {number} latencyMs */
  const medians = (client, latencyMs) => {
    const list = runs.get(`${client} ${latencyMs}`) ?? []
    const keys = /** @type {const} */ (['files', 'total', 'toCreateMs'])
    return /** @type {Record<(typeof keys)[number], number>} */ (
      Object.fromEntries(
        keys.map((key) => [key, median(list.map((run) => run[key]))])
      )
    )
  }

  const rows = []
  const verdicts = []
  for (const latencyMs of LATENCIES_MS) {
    const ours = medians('ours', latencyMs)
    const baseline = medians('baseline', latencyMs)
    const latency = latencyMs === 0 ? 'loopback' : `+${latencyMs} ms each`
    rows.push(
      [latency, "ours (`push: 'true'`)", ...cells(ours)],
      [latency, 'baseline: every file, 4 at a time', ...cells(baseline)]
    )
    verdicts.push(
      `${latency}: ours reaches \`compile/create\` in ` +
        `${seconds(ours.toCreateMs)} against ${seconds(baseline.toCreateMs)} ` +
        `(×${(baseline.toCreateMs / ours.toCreateMs).toFixed(1)}) with ` +
        `${ours.files} file requests against ${baseline.files}. No bar.`
    )
  }

  return {
    title: '5. Push',
    intro:
      `A generated Python project of ${FILE_COUNT} files, ${CHANGED} of ` +
      "them changed against the cloud copy, pushed on this machine's node. " +
      `Each run gets a fresh emulator; medians of ${REPEATS} runs each, ` +
      'interleaved.',
    header: [
      'answers',
      'client',
      'files/* requests',
      'requests in all',
      'start → compile/create'
    ],
    rows,
    verdicts,
    notes: [
      'Requests in all: ours counts its `compile/read` requests after the ' +
        'push too; the baseline stops at `compile/create`.'
    ]
  }
}
