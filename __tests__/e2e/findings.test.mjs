import { afterEach, describe, expect, test } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { startEmulator } from '../../emulator/server.mjs'
import { startFakeGitHub } from '../support/fake-github.mjs'
import {
  PULL_REQUEST,
  USERS,
  annotations,
  expectSafeRun,
  failures,
  inputs,
  nodes,
  runAction
} from './harness.mjs'

/*
 * Every finding lands on the right line and none is silently dropped: the
 * build-log shapes, GitHub's caps, the check run and the parameter budget,
 * through the bundle as a runner starts it.
 */

const PROJECT_ID = 2001
const FOLDER = 'algos/mean reversion'
/** Names that workflow-command escaping must carry through intact. */
const FILES = ['Main.cs', 'Helpers/Risk.cs', 'Señal #2, v1: test.cs']
const NODE_24 = nodes()[1]?.path ?? ''

let emulator
let github
let workspace

afterEach(async () => {
  await emulator?.close()
  await github?.close()
  if (workspace) rmSync(workspace, { recursive: true, force: true })
  emulator = github = workspace = undefined
})

/** A checkout holding the project's files, and an emulator answering `compile`. */
async function start(compile) {
  workspace = mkdtempSync(join(tmpdir(), 'qc-findings-'))
  for (const name of FILES) {
    const file = join(workspace, FOLDER, name)
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, '// a C# file\n'.repeat(200))
  }
  emulator = await startEmulator({
    projects: [
      {
        id: PROJECT_ID,
        language: 'C#',
        files: FILES.map((name) => ({ name, content: '// cloud copy\n' }))
      }
    ],
    users: USERS,
    compileSeconds: 0.2,
    scenario: { compile }
  })
  return emulator
}

function run(more = {}, env = {}) {
  return runAction({
    node: NODE_24,
    workspace,
    env,
    inputs: inputs(emulator, PROJECT_ID, { 'project-path': FOLDER, ...more })
  })
}

/** `count` detected parameters of one each, spread over the files. */
function parameters(count) {
  return FILES.map((file, f) => ({
    file,
    parameters: Array.from({ length: count / FILES.length }, (_, i) => ({
      line: i + 1 + f,
      type: `1 LEAN API parameter detected near "Sma(_symbol, ${i})".`
    }))
  }))
}

describe('build-log shapes end to end', () => {
  test('each shape lands on its repository file, line and column', async () => {
    await start({
      state: 'BuildError',
      logs: [
        'Build Request Successful for Project ID: {projectId}, with CompileID: {compileId}',
        'Build Error File: Main.cs Line:12 Column:9 - ; expected',
        'Build Error: File: Helpers/Risk.cs Line:3 Column:5 - } expected',
        'Build Error File Main.cs Line 40 Column 2 - no colons',
        'Señal #2, v1: test.cs(7,13): error CS0103: The name "x" does not exist [/LeanCLI/Project.csproj]',
        '/LeanCLI/Helpers/Risk.cs(30,1): warning CS0168: unused 50%, a::b',
        '  File "Main.cs", line 77',
        'SyntaxError: invalid syntax',
        'invalid character (Helpers/Risk.cs, line 90)',
        'The compiler crashed without naming a file'
      ]
    })

    const result = await run()

    expectSafeRun(result, emulator)
    expect(result.code).toBe(1)
    const placed = annotations(result).map(({ level, file, line, col }) => [
      level,
      file.slice(FOLDER.length + 1),
      line,
      col
    ])
    expect(placed).toEqual([
      ['error', 'Main.cs', 12, 9],
      ['error', 'Helpers/Risk.cs', 3, 5],
      ['error', 'Main.cs', 40, 2],
      ['error', 'Señal #2, v1: test.cs', 7, 13],
      ['error', 'Main.cs', 77, undefined],
      ['error', 'Helpers/Risk.cs', 90, undefined],
      ['warning', 'Helpers/Risk.cs', 30, 1]
    ])
    expect(annotations(result, 'warning')[0]?.message).toBe(
      'CS0168: unused 50%, a::b'
    )
    // The line nothing could place still reaches the summary's build log.
    expect(result.summary).toContain(
      'The compiler crashed without naming a file'
    )
    expect(failures(result)[0]).toMatch(/failed with 6 build errors/)
  })

  test('a finding on a file missing from the checkout is kept, unplaced', async () => {
    await start({
      state: 'BuildError',
      logs: ['Build Error File: Generated/Missing.cs Line:4 Column:2 - boom']
    })

    const result = await run()

    expect(result.code).toBe(1)
    expect(annotations(result)).toEqual([])
    const unplaced = result.commands.filter(
      (c) => c.command === 'error' && c.message.startsWith('boom')
    )
    expect(unplaced).toHaveLength(1)
    expect(unplaced[0]?.properties).toEqual({ title: 'Build error' })
    expect(unplaced[0]?.message).toContain('Generated/Missing.cs:4')
    expect(unplaced[0]?.message).toContain('not in the checkout')
  })

  test('a warning in a successful build is annotated and does not fail it', async () => {
    await start({
      state: 'BuildSuccess',
      logs: ['Main.cs(5,3): warning CS0219: assigned but never used']
    })

    const result = await run()

    expect(result.code).toBe(0)
    expect(annotations(result, 'warning')).toEqual([
      expect.objectContaining({ file: `${FOLDER}/Main.cs`, line: 5, col: 3 })
    ])
  })
})

describe('25 build errors and 120 detected parameters', () => {
  const compile = {
    state: 'BuildError',
    logs: Array.from(
      { length: 25 },
      (_, i) =>
        `Build Error File: Main.cs Line:${i + 1} Column:1 - error number ${i + 1}`
    ),
    parameters: parameters(120)
  }

  test('no level exceeds what GitHub shows; the summary lists everything', async () => {
    await start(compile)

    const result = await run()

    expectSafeRun(result, emulator)
    expect(result.code).toBe(1)
    const errors = annotations(result, 'error')
    const notices = annotations(result, 'notice')
    // Nine build errors and the failure message: ten error annotations.
    expect(errors).toHaveLength(9)
    expect(result.commands.filter((c) => c.command === 'error')).toHaveLength(
      10
    )
    expect(notices).toHaveLength(10)
    expect(errors.at(-1)?.message).toMatch(
      /16 more errors not shown.*job summary/s
    )
    expect(notices.at(-1)?.message).toMatch(
      /110 more notices not shown.*job summary/s
    )
    for (let i = 1; i <= 25; i++) {
      expect(result.summary).toContain(`error number ${i}</pre>`)
    }
    expect(result.summary.match(/Sma\(_symbol, /g)).toHaveLength(120)
    expect(result.outputs['parameter-count']).toBe('120')
  })

  test('a check run carries all 145 annotations in four requests', async () => {
    await start(compile)
    github = await startFakeGitHub()

    const result = await run(
      { 'check-name': 'QuantConnect compile' },
      { GITHUB_API_URL: github.url }
    )

    expectSafeRun(result, emulator)
    expect(result.code).toBe(1)
    expect(github.requests.map((r) => r.method)).toEqual([
      'POST',
      'PATCH',
      'PATCH',
      'PATCH'
    ])
    const [create, ...updates] = github.requests
    expect(create?.url).toBe(`/repos/${PULL_REQUEST.repository}/check-runs`)
    expect(create?.body).toMatchObject({
      name: 'QuantConnect compile',
      head_sha: PULL_REQUEST.headSha,
      status: 'in_progress'
    })
    const sent = updates.flatMap((update) => update.body.output.annotations)
    expect(sent).toHaveLength(145)
    expect(
      new Set(sent.map((a) => `${a.path}:${a.start_line}:${a.message}`)).size
    ).toBe(145)
    expect(sent.filter((a) => a.annotation_level === 'failure')).toHaveLength(
      25
    )
    expect(updates[0]?.body).toMatchObject({
      status: 'completed',
      conclusion: 'failure'
    })
    // The check run holds them all: no capped workflow-command copies.
    expect(annotations(result)).toEqual([])
  })

  test.each([403, 404])(
    'a check run refused with %i warns once and the compile decides',
    async (status) => {
      await start({
        ...compile,
        state: 'BuildSuccess',
        logs: ['Build Success']
      })
      github = await startFakeGitHub({ refuse: status })

      const result = await run(
        { 'check-name': 'QuantConnect compile' },
        { GITHUB_API_URL: github.url }
      )

      expect(result.code).toBe(0)
      const warnings = result.commands.filter(
        (c) => c.command === 'warning' && !c.properties.file
      )
      expect(warnings).toHaveLength(1)
      expect(warnings[0]?.message).toMatch(/checks: write/)
      expect(annotations(result, 'notice')).toHaveLength(10)
    }
  )
})

describe('the parameter budget', () => {
  test.each([
    ['below the total', '11', 1],
    ['equal to the total', '12', 0],
    ['above the total', '13', 0]
  ])('max-parameters %s', async (_name, budget, code) => {
    await start({ state: 'BuildSuccess', logs: [], parameters: parameters(12) })

    const result = await run({ 'max-parameters': budget })

    expect(result.code).toBe(code)
    if (code === 1) {
      expect(failures(result)[0]).toMatch(
        /12 detected parameters, over the budget of 11.*possibly overfitting/s
      )
    }
    expect(result.summary).toContain('Parameter budget')
  })

  test('parameter-annotations: warning raises them, off drops them', async () => {
    await start({ state: 'BuildSuccess', logs: [], parameters: parameters(3) })

    const warned = await run({ 'parameter-annotations': 'warning' })
    const silent = await run({ 'parameter-annotations': 'off' })

    expect(annotations(warned, 'warning')).toHaveLength(3)
    expect(annotations(warned, 'notice')).toEqual([])
    expect(annotations(silent)).toEqual([])
    expect(silent.outputs['parameter-count']).toBe('3')
  })
})
