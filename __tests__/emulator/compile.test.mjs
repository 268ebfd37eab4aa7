import { describe, test, expect, beforeAll, afterAll } from '@jest/globals'
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { startEmulator } from '../../emulator/server.mjs'
import { call, post, sleep, waitForCompile } from './client.mjs'
import {
  BROKEN,
  CSHARP,
  MOMENTUM,
  SCRATCH_CS,
  SCRATCH_PY,
  startExamples
} from './examples.mjs'

/** @type {Awaited<ReturnType<typeof startExamples>>} */
let emulator

beforeAll(async () => {
  emulator = await startExamples()
})

afterAll(() => emulator.close())

describe('compile', () => {
  test('compile/create answers the documented shape', async () => {
    const answer = await post(emulator, 'compile/create', {
      projectId: MOMENTUM
    })
    expect(answer).toMatchObject({
      success: true,
      errors: [],
      state: 'InQueue',
      projectId: MOMENTUM,
      signatureOrder: ['main.py', 'utils/__init__.py', 'utils/signals.py']
    })
    expect(answer.compileId).toMatch(/^[0-9a-f]{32}-[0-9a-f]{32}$/)

    const files = (await post(emulator, 'files/read', { projectId: MOMENTUM }))
      .files
    const hash = createHash('sha256')
    for (const name of answer.signatureOrder) {
      hash.update(files.find((f) => f.name === name).content)
    }
    expect(answer.signature).toBe(hash.digest('hex'))
  })

  test('python-momentum compiles with parameters in two files', async () => {
    const created = await post(emulator, 'compile/create', {
      projectId: MOMENTUM
    })
    const found = created.parameters.flatMap((f) =>
      f.parameters.map((p) => `${f.file}:${p.line} ${p.type}`)
    )
    expect(found).toEqual([
      'main.py:17 1 LEAN API parameter detected near "self.sma(self._symbol, 20)".',
      'main.py:18 1 LEAN API parameter detected near "self.sma(self._symbol, 50)".',
      'main.py:21 1 time span parameter detected near "timedelta(days=60)".',
      'main.py:24 1 scheduled event parameter detected near "self.time_rules.after_market_open(self._symbol, 30)".',
      'main.py:33 1 arithmetic parameter detected near "slow * 1.01".',
      'main.py:34 1 order quantity parameter detected near "self.set_holdings(self._symbol, 0.8)".',
      'utils/signals.py:10 1 LEAN API parameter detected near "algorithm.rsi(symbol, 14)".',
      'utils/signals.py:11 1 LEAN API parameter detected near "algorithm.momp(symbol, 10)".',
      'utils/signals.py:12 1 numeric assignment parameter detected near "self._threshold = 0.02".',
      'utils/signals.py:18 2 comparison parameters detected near "30 < rsi < 70".',
      'utils/signals.py:18 1 arithmetic parameter detected near "self._threshold * 100".'
    ])

    const done = await waitForCompile(emulator, MOMENTUM, created.compileId)
    expect(done.state).toBe('BuildSuccess')
    expect(done.logs[0]).toBe(
      `Build Request Successful for Project ID: ${MOMENTUM}, with CompileID: ${created.compileId}, Lean Version: 2.5.0.0.17369`
    )
    expect(done.logs.slice(1)).toEqual(['Build Success'])
  })

  test('python-broken fails with the file, line and column', async () => {
    const created = await post(emulator, 'compile/create', {
      projectId: BROKEN
    })
    expect(created.parameters).toEqual([
      {
        file: 'main.py',
        parameters: [
          {
            line: 20,
            type: '1 order quantity parameter detected near "self.set_holdings(self._symbol, 1)".'
          }
        ]
      }
    ])
    const done = await waitForCompile(emulator, BROKEN, created.compileId)
    expect(done.success).toBe(true)
    expect(done.state).toBe('BuildError')
    expect(done.logs).toHaveLength(2)
    expect(done.logs[0]).toContain(`Project ID: ${BROKEN}, with CompileID: `)
    expect(done.logs[1]).toMatch(
      /^Build Error File: alpha\/signals\.py Line:12 Column:33 - \S/
    )
  })

  test('csharp-meanreversion takes its outcome from its scenario.json', async () => {
    const created = await post(emulator, 'compile/create', {
      projectId: CSHARP
    })
    expect(created.parameters.map((f) => f.file)).toEqual([
      'Main.cs',
      'PositionSizer.cs'
    ])
    expect(created.parameters[0].parameters.map((p) => p.line)).toEqual([
      26, 27, 29, 39
    ])
    const done = await waitForCompile(emulator, CSHARP, created.compileId)
    expect(done.state).toBe('BuildError')
    expect(done.logs).toEqual([
      `Build Request Successful for Project ID: ${CSHARP}, with CompileID: ${created.compileId}, Lean Version: 2.5.0.0.17369`,
      'Build Error File: Main.cs Line:27 Column:81 - ; expected',
      'Main.cs(27,81): error CS1002: ; expected [/LeanCLI/Project.csproj]'
    ])
  })

  test('the scenario’s build error points at the real missing semicolon', async () => {
    const line27 = (
      await readFile('examples/csharp-meanreversion/Main.cs', 'utf8')
    ).split('\n')[26]
    expect(line27.trimEnd().endsWith(';')).toBe(false)
    expect(line27.trimEnd().length + 1).toBe(81)
  })

  test('a C# project without a scenario builds with no parameters', async () => {
    const created = await post(emulator, 'compile/create', {
      projectId: SCRATCH_CS
    })
    expect(created.parameters).toEqual([])
    const done = await waitForCompile(emulator, SCRATCH_CS, created.compileId)
    expect(done.state).toBe('BuildSuccess')
  })

  test('compiles the files as they were at compile/create', async () => {
    const before = await post(emulator, 'compile/create', {
      projectId: SCRATCH_PY
    })
    await post(emulator, 'files/update', {
      projectId: SCRATCH_PY,
      name: 'main.py',
      content: 'def broken(:\n'
    })
    const after = await post(emulator, 'compile/create', {
      projectId: SCRATCH_PY
    })
    expect(after.signature).not.toBe(before.signature)

    expect(
      (await waitForCompile(emulator, SCRATCH_PY, before.compileId)).state
    ).toBe('BuildSuccess')
    const failed = await waitForCompile(emulator, SCRATCH_PY, after.compileId)
    expect(failed.state).toBe('BuildError')
    expect(failed.logs[1]).toMatch(
      /^Build Error File: main\.py Line:1 Column:\d+ - /
    )

    await post(emulator, 'files/update', {
      projectId: SCRATCH_PY,
      name: 'main.py',
      content: 'x = 1\n'
    })
  })

  test('compile/read also answers GET with query parameters', async () => {
    const created = await post(emulator, 'compile/create', {
      projectId: SCRATCH_CS
    })
    const query = `projectId=${SCRATCH_CS}&compileId=${created.compileId}`
    const answer = await call(emulator, `compile/read?${query}`, undefined, {
      method: 'GET'
    })
    expect(answer.status).toBe(200)
    expect(answer.json).toMatchObject({
      success: true,
      compileId: created.compileId
    })
  })

  test.each([
    [
      'an unknown compile id',
      { projectId: SCRATCH_CS, compileId: 'abc-def' },
      'Compile id not found'
    ],
    ['no compile id', { projectId: SCRATCH_CS }, 'compileId'],
    ['an unknown project', { projectId: 31337, compileId: 'abc-def' }, '31337']
  ])('compile/read refuses %s', async (_, body, text) => {
    const answer = await post(emulator, 'compile/read', body)
    expect(answer.success).toBe(false)
    expect(answer.errors.join(' ')).toContain(text)
  })

  test('compile/read refuses a compile id of another project', async () => {
    const created = await post(emulator, 'compile/create', {
      projectId: SCRATCH_CS
    })
    const answer = await post(emulator, 'compile/read', {
      projectId: MOMENTUM,
      compileId: created.compileId
    })
    expect(answer.success).toBe(false)
  })

  test('compile/create refuses an unknown project', async () => {
    const answer = await post(emulator, 'compile/create', { projectId: 555 })
    expect(answer.success).toBe(false)
  })
})

describe('compile timing', () => {
  test('stays InQueue for the fractional compile time, then finishes', async () => {
    const slow = await startEmulator({
      projects: [{ id: 1, files: [{ name: 'main.py', content: 'x = 1\n' }] }],
      compileSeconds: 0.7
    })
    try {
      const start = Date.now()
      const created = await post(slow, 'compile/create', { projectId: 1 })
      const early = await post(slow, 'compile/read', {
        projectId: 1,
        compileId: created.compileId
      })
      expect(early).toMatchObject({ state: 'InQueue', logs: [] })

      const done = await waitForCompile(slow, 1, created.compileId)
      const elapsed = Date.now() - start
      expect(done.state).toBe('BuildSuccess')
      expect(elapsed).toBeGreaterThanOrEqual(700)
      expect(elapsed).toBeLessThan(2000)
    } finally {
      await slow.close()
    }
  })

  test('a scenario compileSeconds wins over the option', async () => {
    const quick = await startEmulator({
      projects: [{ id: 1, files: [{ name: 'main.py', content: 'x = 1\n' }] }],
      compileSeconds: 30,
      scenario: { compileSeconds: 0 }
    })
    try {
      const created = await post(quick, 'compile/create', { projectId: 1 })
      const answer = await post(quick, 'compile/read', {
        projectId: 1,
        compileId: created.compileId
      })
      expect(answer.state).toBe('BuildSuccess')
    } finally {
      await quick.close()
    }
  })

  test('a scenario state InQueue never finishes', async () => {
    const stuck = await startEmulator({
      projects: [{ id: 1, files: [{ name: 'main.py', content: 'x = 1\n' }] }],
      scenario: { compileSeconds: 0, compile: { state: 'InQueue' } }
    })
    try {
      const created = await post(stuck, 'compile/create', { projectId: 1 })
      await sleep(300)
      const answer = await post(stuck, 'compile/read', {
        projectId: 1,
        compileId: created.compileId
      })
      expect(answer.state).toBe('InQueue')
    } finally {
      await stuck.close()
    }
  })
})
