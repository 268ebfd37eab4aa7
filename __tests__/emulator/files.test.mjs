import { describe, test, expect, beforeAll, afterAll } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import { startEmulator } from '../../emulator/server.mjs'
import { call, post } from './client.mjs'
import { CSHARP, MOMENTUM, SCRATCH_PY, startExamples } from './examples.mjs'

/** @type {Awaited<ReturnType<typeof startExamples>>} */
let emulator

beforeAll(async () => {
  emulator = await startExamples()
})

afterAll(() => emulator.close())

describe('files endpoints', () => {
  test('serves a folder’s sources with cloud names, and nothing else', async () => {
    const answer = await post(emulator, 'files/read', { projectId: MOMENTUM })
    expect(answer.files.map((f) => f.name)).toEqual([
      'main.py',
      'utils/__init__.py',
      'utils/signals.py'
    ])
    const signals = answer.files.find((f) => f.name === 'utils/signals.py')
    expect(signals.content).toBe(
      await readFile('examples/python-momentum/utils/signals.py', 'utf8')
    )
    expect(signals.isLibrary).toBe(false)
    expect(signals.modified).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/)

    const cs = await post(emulator, 'files/read', { projectId: CSHARP })
    expect(cs.files.map((f) => f.name)).toEqual(['Main.cs', 'PositionSizer.cs'])
  })

  test('reads one file by name and refuses an unknown name', async () => {
    const one = await post(emulator, 'files/read', {
      projectId: MOMENTUM,
      name: 'main.py'
    })
    expect(one.files).toHaveLength(1)
    expect(one.files[0].name).toBe('main.py')
    const missing = await post(emulator, 'files/read', {
      projectId: MOMENTUM,
      name: 'nope.py'
    })
    expect(missing.success).toBe(false)
  })

  test('creates, updates, renames and deletes files in memory only', async () => {
    const id = SCRATCH_PY
    const created = await post(emulator, 'files/create', {
      projectId: id,
      name: 'lib/extra.py',
      content: 'y = 2\n'
    })
    expect(created.success).toBe(true)
    expect(emulator.project(id)?.get('lib/extra.py')).toBe('y = 2\n')

    const again = await post(emulator, 'files/create', {
      projectId: id,
      name: 'lib/extra.py',
      content: 'y = 3\n'
    })
    expect(again.success).toBe(false)
    expect(again.errors[0]).toContain('already exists')

    const updated = await post(emulator, 'files/update', {
      projectId: id,
      name: 'lib/extra.py',
      content: 'y = 4\n'
    })
    expect(updated).toEqual({ success: true, errors: [] })
    expect(emulator.project(id)?.get('lib/extra.py')).toBe('y = 4\n')

    await post(emulator, 'files/update', {
      projectId: id,
      name: 'lib/extra.py',
      newName: 'lib/renamed.py'
    })
    expect(emulator.project(id)?.has('lib/extra.py')).toBe(false)
    expect(emulator.project(id)?.get('lib/renamed.py')).toBe('y = 4\n')

    const deleted = await post(emulator, 'files/delete', {
      projectId: id,
      name: 'lib/renamed.py'
    })
    expect(deleted.success).toBe(true)
    expect([...(emulator.project(id)?.keys() ?? [])]).toEqual(['main.py'])
  })

  test('edits never reach the example folder', async () => {
    await post(emulator, 'files/update', {
      projectId: MOMENTUM,
      name: 'main.py',
      content: '# changed in memory\n'
    })
    const onDisk = await readFile('examples/python-momentum/main.py', 'utf8')
    expect(onDisk).toContain('class MomentumAlgorithm')
    await post(emulator, 'files/update', {
      projectId: MOMENTUM,
      name: 'main.py',
      content: onDisk
    })
  })

  test.each([
    ['empty content', 'files/create', { name: 'a.py', content: '' }, 'empty'],
    ['a name with ..', 'files/create', { name: '../a.py', content: 'x' }, '..'],
    ['no name', 'files/create', { content: 'x' }, 'name'],
    ['no content', 'files/create', { name: 'b.py' }, 'content'],
    [
      'an unknown file',
      'files/update',
      { name: 'no.py', content: 'x' },
      'no.py'
    ],
    ['deleting an unknown file', 'files/delete', { name: 'no.py' }, 'no.py'],
    ['an unknown project', 'files/read', { projectId: 9 }, '9']
  ])('refuses %s', async (_, endpoint, body, text) => {
    const answer = await call(emulator, endpoint, {
      projectId: SCRATCH_PY,
      ...body
    })
    expect(answer.status).toBe(200)
    expect(answer.json.success).toBe(false)
    expect(answer.json.errors.join(' ')).toContain(text)
  })

  test('refuses a file over the size limit with HTTP 413', async () => {
    const small = await startEmulator({
      projects: [{ id: 1, files: [] }],
      maxFileBytes: 100
    })
    try {
      const answer = await call(small, 'files/create', {
        projectId: 1,
        name: 'big.py',
        content: 'x'.repeat(101)
      })
      expect(answer.status).toBe(413)
      expect(answer.json.success).toBe(false)
    } finally {
      await small.close()
    }
  })
})
