import { describe, test, expect, afterEach } from '@jest/globals'
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { startEmulator } from '../../emulator/server.mjs'
import { describes, readmeParameters } from './example-readme.mjs'
import {
  PULL_REQUEST,
  REPOSITORY_ROOT,
  USERS,
  annotations,
  expectSafeRun,
  failures,
  inputs,
  nodes,
  runAction
} from './harness.mjs'

const PROJECT_ID = 1001
const COMPILE_ID = /^[0-9a-f]{32}-[0-9a-f]{32}$/
/** GitHub shows at most ten annotations of one level per step. */
const STEP_CAP = 10

/** @type {Awaited<ReturnType<typeof startEmulator>> | undefined} */
let emulator

afterEach(async () => {
  await emulator?.close()
  emulator = undefined
})

/**
 * Starts an emulator serving one example and runs the action on it, with
 * the repository root as the workspace, as a checkout would have it.
 *
 * @param {string} node
 * @param {string} example
 */
async function runExample(node, example) {
  emulator = await startEmulator({
    projects: [
      { id: PROJECT_ID, folder: join(REPOSITORY_ROOT, 'examples', example) }
    ],
    users: USERS,
    compileSeconds: 0.3
  })
  const projectPath = `examples/${example}`
  const run = await runAction({
    node,
    inputs: inputs(emulator, PROJECT_ID, { 'project-path': projectPath })
  })
  expectSafeRun(run, emulator)
  return { run, emulator }
}

/**
 * Outputs, notices and the job summary all carry the README's detected
 * parameters, on repository paths.
 *
 * @param {import('./harness.mjs').RunResult} run
 * @param {string} example
 */
function expectReadmeParameters(run, example) {
  const rows = readmeParameters(example)
  const total = rows.reduce((sum, row) => sum + row.count, 0)
  expect(run.outputs['parameter-count']).toBe(String(total))

  const listed = JSON.parse(run.outputs.parameters)
  expect(listed).toHaveLength(rows.length)
  for (const row of rows) {
    const match = listed.filter(
      (/** @type {any} */ p) =>
        p.path === row.path &&
        p.line === row.line &&
        describes(row, p.description)
    )
    expect({ row, matches: match.length }).toEqual({ row, matches: 1 })
  }

  const notices = annotations(run, 'notice')
  expect(notices).toHaveLength(Math.min(rows.length, STEP_CAP))
  for (const notice of notices) {
    const promised = rows.filter(
      (row) =>
        row.path === notice.file &&
        row.line === notice.line &&
        describes(row, notice.message)
    )
    expect({ notice, promised: promised.length }).toEqual({
      notice,
      promised: 1
    })
  }

  // Each detected parameter's line links to the file at the commit under test.
  for (const row of rows) {
    const url =
      `https://github.com/${PULL_REQUEST.repository}/blob/` +
      `${PULL_REQUEST.mergeSha}/${row.path}#L${row.line}`
    expect(run.summary).toContain(`<a href="${url}">${row.line}</a>`)
  }
}

describe.each(nodes())('$name runs the bundle on', ({ path: node }) => {
  test('python-momentum: green, with every detected parameter', async () => {
    const { run, emulator } = await runExample(node, 'python-momentum')

    expect(run.code).toBe(0)
    expect(annotations(run, 'error')).toEqual([])
    expect(failures(run)).toEqual([])
    expect(run.outputs['compile-id']).toMatch(COMPILE_ID)
    expect(run.outputs.state).toBe('BuildSuccess')
    expectReadmeParameters(run, 'python-momentum')

    // The signature covers the cloud files' contents in name order.
    const files = emulator.project(PROJECT_ID) ?? new Map()
    const names = [...files.keys()].sort()
    const hash = createHash('sha256')
    for (const name of names) hash.update(files.get(name) ?? '')
    expect(run.outputs.signature).toBe(hash.digest('hex'))

    // Eleven rows, ten notices: the last one says where the rest are.
    const notices = annotations(run, 'notice')
    expect(notices.at(-1)?.message).toContain('1 more notice not shown here')
    expect(run.summary).toContain('✅ Build succeeded')
    expect(run.summary).toContain(run.outputs['compile-id'])
    expect(emulator.requests.map((r) => r.endpoint)).toEqual([
      'compile/create',
      'compile/read'
    ])
  })

  test('python-broken: red, with the syntax error on its line', async () => {
    const { run } = await runExample(node, 'python-broken')

    expect(run.code).toBe(1)
    expect(run.outputs.state).toBe('BuildError')
    const [error, ...others] = annotations(run, 'error')
    expect(others).toEqual([])
    // Line and column are Python 3.11's, as the example's README says.
    expect(error).toMatchObject({
      file: 'examples/python-broken/alpha/signals.py',
      line: 12,
      col: 33
    })
    const compileId = run.outputs['compile-id']
    expect(failures(run)).toEqual([
      expect.stringContaining(`Compile ${compileId} of project ${PROJECT_ID}`)
    ])
    expect(failures(run)[0]).toContain('failed with 1 build error;')
    expectReadmeParameters(run, 'python-broken')
    expect(run.summary).toContain('❌ Build failed')
  })

  test('csharp-meanreversion: red, from its scenario', async () => {
    const { run } = await runExample(node, 'csharp-meanreversion')

    expect(run.code).toBe(1)
    expect(run.outputs.state).toBe('BuildError')
    // The build log reports the one missing semicolon twice, in
    // QuantConnect's shape and in MSBuild's: one annotation, one error.
    const place = { file: 'examples/csharp-meanreversion/Main.cs', line: 27 }
    expect(annotations(run, 'error')).toEqual([
      { level: 'error', ...place, col: 81, message: 'CS1002: ; expected' }
    ])
    expect(failures(run)).toHaveLength(1)
    expect(failures(run)[0]).toContain(
      `Compile ${run.outputs['compile-id']} of project ${PROJECT_ID} ` +
        'failed with 1 build error;'
    )
    expectReadmeParameters(run, 'csharp-meanreversion')
  })
})
