/**
 * Measure 4: the size of the committed bundle, and the peak memory of a run
 * whose compile answers a large build log and many detected parameters,
 * beside a run with a tiny one.
 */

import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { startBenchEmulator, stepInputs } from './fixtures.mjs'
import {
  FRESH_PROCESS,
  REPOSITORY_ROOT,
  nodeBinaries,
  runStep
} from './processes.mjs'
import { median, size } from './stats.mjs'

const LOG_LINES = 2_000
const PARAMETERS = 500
const REPEATS = 3
const PROJECT_PATH = 'examples/csharp-meanreversion'
const MAX_RSS_MODULE = pathToFileURL(join(REPOSITORY_ROOT, 'bench/max-rss.mjs'))

/**
 * A build log of LOG_LINES lines after the usual first one, mixing the
 * shapes the action reads (build errors and warnings, MSBuild lines) with
 * progress chatter it skips.
 */
export function largeBuildLog() {
  const shapes = [
    (/** @type {number} */ i) =>
      `Build Error File: Main.cs Line:${(i % 50) + 1} Column:9 - ; expected`,
    (/** @type {number} */ i) =>
      `PositionSizer.cs(${(i % 27) + 1},5): warning CS0168: The variable ` +
      `'unused${i}' is declared but never used [/LeanCloud/Project.csproj]`,
    (/** @type {number} */ i) =>
      `Build Warning File: Main.cs Line:${(i % 50) + 1} Column:1 - ` +
      `unreachable code detected (${i})`,
    (/** @type {number} */ i) =>
      `Restoring packages for /LeanCloud/Project.csproj (step ${i})...`
  ]
  return [
    'Build Request Successful for Project ID: {projectId}, with CompileID: ' +
      '{compileId}, Lean Version: {leanVersion}',
    ...Array.from({ length: LOG_LINES }, (_, i) => shapes[i % 4](i))
  ]
}

/** PARAMETERS detected parameters over the project's two files. */
export function manyParameters() {
  const entries = (/** @type {number} */ lines, /** @type {number} */ n) =>
    Array.from({ length: n }, (_, i) => ({
      line: (i % lines) + 1,
      type: `${(i % 3) + 1} LEAN API parameters detected near "BB(_symbol, ${i}, 2m)".`
    }))
  return [
    { file: 'Main.cs', parameters: entries(50, PARAMETERS - 100) },
    { file: 'PositionSizer.cs', parameters: entries(27, 100) }
  ]
}

const COMPILES = {
  tiny: { compileSeconds: 0 },
  large: {
    compileSeconds: 0,
    compile: {
      state: 'BuildError',
      logs: largeBuildLog(),
      parameters: manyParameters()
    }
  }
}

/**
 * Peak RSS (bytes) of one run on `node` whose compile answers `compile`.
 *
 * @param {string} node
 * @param {'tiny' | 'large'} compile
 */
async function peakRss(node, compile) {
  const emulator = await startBenchEmulator({
    projects: [{ id: 7003, folder: PROJECT_PATH, scenario: COMPILES[compile] }]
  })
  const folder = mkdtempSync(join(tmpdir(), 'qc-bench-rss-'))
  try {
    const file = join(folder, 'max-rss')
    const run = await runStep({
      node,
      inputs: stepInputs(emulator, { 'project-path': PROJECT_PATH }, 7003),
      nodeArgs: ['--import', MAX_RSS_MODULE.href],
      env: { BENCH_MAX_RSS_FILE: file },
      launcher: FRESH_PROCESS
    })
    if (run.code !== (compile === 'tiny' ? 0 : 1) || run.stderr !== '') {
      throw new Error(`Unexpected ${compile} run:\n${run.stdout}${run.stderr}`)
    }
    return Number(readFileSync(file, 'utf8')) * 1024
  } finally {
    rmSync(folder, { recursive: true, force: true })
    await emulator.close()
  }
}

/** @returns {Promise<import('./report.mjs').Section>} */
export async function sizeAndMemory() {
  const dist = join(REPOSITORY_ROOT, 'dist')
  const bundles = readdirSync(dist)
    .filter((name) => name.endsWith('.js'))
    .sort((a, b) => (a === 'index.js' ? -1 : b === 'index.js' ? 1 : 0))
  const rows = bundles.map((name) => [
    name === 'index.js'
      ? '`dist/index.js`, always loaded'
      : `\`dist/${name}\`, loaded only with \`check-name\` (Octokit)`,
    size(statSync(join(dist, name)).size)
  ])

  for (const node of nodeBinaries()) {
    /** @type {Record<string, number[]>} */
    const rss = { tiny: [], large: [] }
    for (let i = 0; i < REPEATS; i++) {
      rss.tiny.push(await peakRss(node.path, 'tiny'))
      rss.large.push(await peakRss(node.path, 'large'))
    }
    const tiny = median(rss.tiny)
    const large = median(rss.large)
    rows.push(
      [`peak RSS, tiny build log, ${node.name}`, size(tiny)],
      [
        `peak RSS, ${LOG_LINES} lines + ${PARAMETERS} parameters, ${node.name}`,
        `${size(large)} (+${size(large - tiny)}, ×${(large / tiny).toFixed(2)})`
      ]
    )
  }

  return {
    title: '4. Size and memory',
    intro:
      'Bundle files on disk, and the peak RSS of a run ' +
      '(`node --import bench/max-rss.mjs dist/index.js`, started through ' +
      '`setsid --fork` so that the figure is its own) whose compile ' +
      `answers a tiny build log, beside one answering ${LOG_LINES} ` +
      `build-log lines and ${PARAMETERS} detected parameters (a BuildError ` +
      `scenario). Medians of ${REPEATS} runs each.`,
    header: ['what', 'figure'],
    rows,
    verdicts: ['No bar: figures for reference.']
  }
}
