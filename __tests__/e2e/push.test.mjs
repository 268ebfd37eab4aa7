import { describe, test, expect, beforeEach, afterEach } from '@jest/globals'
import {
  cpSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmulator } from '../../emulator/server.mjs'
import {
  REPOSITORY_ROOT,
  USERS,
  annotations,
  endpoints,
  expectSafeRun,
  failures,
  inputs,
  nodes,
  runAction
} from './harness.mjs'

const PROJECT_ID = 2001
/** The project folder inside the temporary workspace. */
const FOLDER = 'momentum'
const SOURCES = ['main.py', 'utils/__init__.py', 'utils/signals.py']
/** What the cloud project holds before the push. */
const CLOUD = [
  { name: 'main.py', content: '# An older main.py\n' },
  { name: 'research/old_idea.py', content: 'lookback = 5\n' }
]

/** @type {string} */
let workspace
/** @type {Awaited<ReturnType<typeof startEmulator>> | undefined} */
let emulator

beforeEach(() => {
  workspace = mkdtempSync(join(tmpdir(), 'qc-push-workspace-'))
  const example = join(REPOSITORY_ROOT, 'examples/python-momentum')
  cpSync(example, join(workspace, FOLDER), { recursive: true })
  // QuantConnect refuses empty files; the action uploads a placeholder.
  writeFileSync(source('utils/__init__.py'), '')
})

afterEach(async () => {
  await emulator?.close()
  emulator = undefined
  rmSync(workspace, { recursive: true, force: true })
})

/** @param {string} name a cloud name */
function source(name) {
  return join(workspace, FOLDER, name)
}

/** @param {string} node @param {{ maxFileBytes?: number }} [options] */
async function pushAndCompile(node, options = {}) {
  emulator ??= await startEmulator({
    projects: [{ id: PROJECT_ID, files: CLOUD }],
    users: USERS,
    compileSeconds: 0.3,
    ...options
  })
  return runAction({
    node,
    workspace,
    inputs: inputs(emulator, PROJECT_ID, {
      'project-path': FOLDER,
      push: 'true'
    })
  })
}

/**
 * The names a summary's push table lists in one row, e.g. `Created`.
 *
 * @param {string} summary
 * @param {string} change
 */
function pushRow(summary, change) {
  const row = new RegExp(`<tr><td>${change}</td><td>(\\d+)</td><td>(.*?)</td>`)
  const match = row.exec(summary)
  if (!match) throw new Error(`No ${change} row in the job summary`)
  const names = [...match[2].matchAll(/<code>(.*?)<\/code>/g)].map((m) => m[1])
  return { count: Number(match[1]), names }
}

/**
 * The file names sent to an endpoint, sorted.
 *
 * @param {string} endpoint
 * @param {import('../../emulator/router.mjs').RequestRecord[]} requests
 */
function namesSentTo(endpoint, requests) {
  return requests
    .filter((request) => request.endpoint === endpoint)
    .map((request) => /** @type {any} */ (request.body).name)
    .sort()
}

describe.each(nodes())('$name with push: true', ({ path: node }) => {
  test('makes the cloud hold the sources, then compiles', async () => {
    const run = await pushAndCompile(node)
    if (!emulator) throw new Error('no emulator')
    expectSafeRun(run, emulator)
    expect(run.code).toBe(0)

    const cloud = emulator.project(PROJECT_ID) ?? new Map()
    expect([...cloud.keys()].sort()).toEqual(SOURCES)
    expect(cloud.get('main.py')).toBe(readFileSync(source('main.py'), 'utf8'))
    expect(cloud.get('utils/signals.py')).toBe(
      readFileSync(source('utils/signals.py'), 'utf8')
    )
    expect(cloud.get('utils/__init__.py')).toMatch(/^# [^\n]+\n$/)

    const sent = endpoints(emulator.requests)
    const compileAt = sent.indexOf('compile/create')
    expect(compileAt).toBeGreaterThan(0)
    expect(sent.slice(compileAt)).not.toContainEqual(
      expect.stringMatching(/^files\//)
    )
    const { requests } = emulator
    expect(namesSentTo('files/create', requests)).toEqual(SOURCES.slice(1))
    expect(namesSentTo('files/update', requests)).toEqual(['main.py'])
    expect(namesSentTo('files/delete', requests)).toEqual([
      'research/old_idea.py'
    ])

    expect(pushRow(run.summary, 'Created').names).toEqual(SOURCES.slice(1))
    expect(pushRow(run.summary, 'Updated').names).toEqual(['main.py'])
    expect(pushRow(run.summary, 'Deleted').names).toEqual([
      'research/old_idea.py'
    ])
    expect(annotations(run, 'notice')[0]).toMatchObject({
      file: `${FOLDER}/main.py`,
      line: 17
    })

    // A second push finds nothing to change.
    const before = emulator.requests.length
    const again = await pushAndCompile(node)
    expectSafeRun(again, emulator)
    expect(again.code).toBe(0)
    expect(endpoints(emulator.requests.slice(before))).toEqual([
      'files/read',
      'compile/create',
      'compile/read'
    ])
    expect(pushRow(again.summary, 'Unchanged').count).toBe(SOURCES.length)
    expect(again.summary).toContain('nothing was sent')
  })

  test('a syntax error in the repository is annotated on its line', async () => {
    const file = source('utils/signals.py')
    const lines = readFileSync(file, 'utf8').split('\n')
    expect(lines[13]).toBe('    def is_bullish(self):')
    lines[13] = '    def is_bullish(self)'
    writeFileSync(file, lines.join('\n'))

    const run = await pushAndCompile(node)
    if (!emulator) throw new Error('no emulator')
    expectSafeRun(run, emulator)
    expect(run.code).toBe(1)
    expect(annotations(run, 'error')).toEqual([
      expect.objectContaining({ file: `${FOLDER}/utils/signals.py`, line: 14 })
    ])
    expect(failures(run)[0]).toContain('failed with 1 build error')
  })

  test('a refused upload fails the step before any compile', async () => {
    // main.py is the only source over 1 KiB.
    const run = await pushAndCompile(node, { maxFileBytes: 1024 })
    if (!emulator) throw new Error('no emulator')
    expectSafeRun(run, emulator)
    expect(run.code).toBe(1)
    expect(endpoints(emulator.requests)).not.toContain('compile/create')
    const refused = emulator.requests.filter((r) => r.status === 413)
    expect(namesSentTo('files/update', refused)).toEqual(['main.py'])
    const [failure, ...more] = failures(run)
    expect(more).toEqual([])
    expect(failure).toContain(`Pushing main.py to project ${PROJECT_ID} failed`)
    expect(failure).toContain('HTTP 413')
    expect(failure).toContain('Nothing was compiled')
    expect(run.outputs).toEqual({})
  })
})
