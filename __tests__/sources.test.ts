import {
  afterAll,
  beforeAll,
  beforeEach,
  afterEach,
  describe,
  expect,
  jest,
  test
} from '@jest/globals'
import {
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { ActionError } from '../src/errors.js'
import { isSourceName, listSources, type SourceFile } from '../src/sources.js'
import { captureStdout } from './support/stdout.js'

let sandbox: string
let project: string
let outside: string
let printed: string[]

/** Writes `content` at `name` (`/`-separated) under `folder`, making folders. */
function put(folder: string, name: string, content = `# ${name}\n`): void {
  const file = path.join(folder, ...name.split('/'))
  mkdirSync(path.dirname(file), { recursive: true })
  writeFileSync(file, content)
}

function link(target: string, name: string): void {
  symlinkSync(target, path.join(project, ...name.split('/')))
}

/** Every file that must be pushed, with its content. */
const KEPT: SourceFile[] = [
  { name: 'Alpha.cs', content: 'class Alpha {}\n' },
  { name: 'empty.py', content: '' },
  {
    name: 'lib/env/helpers.py',
    content: '# an env folder without pyvenv.cfg\n'
  },
  { name: 'main.py', content: 'print("hi")\n' },
  { name: 'research.ipynb', content: '{"cells": []}\n' },
  { name: 'site/page.html', content: '<p>hi</p>\n' },
  { name: 'site/style.css', content: '' },
  { name: 'utils/deep/deeper/model.py', content: 'x = 1\n' },
  { name: 'utils/signals.py', content: 'def signal():\n    return 1\n' },
  { name: 'ünïcode/naïve.py', content: 'café = 1\n' }
]

/** Files that must not be pushed, each with the rule that leaves it out. */
const SKIPPED: [string, string][] = [
  ['bin', 'bin/Debug/Alpha.cs'],
  ['obj', 'obj/Alpha.cs'],
  ['__pycache__', '__pycache__/main.py'],
  ['__pycache__, nested', 'utils/__pycache__/signals.py'],
  ['.ipynb_checkpoints', '.ipynb_checkpoints/research.ipynb'],
  ['backtests', 'backtests/2024-01-01/main.py'],
  ['live', 'live/main.py'],
  ['optimizations', 'optimizations/main.py'],
  ['storage', 'storage/cache.py'],
  ['report', 'report/index.html'],
  ['node_modules', 'node_modules/pkg/index.html'],
  ['node_modules, nested', 'site/node_modules/pkg/style.css'],
  ['a dot-folder', '.github/scripts/check.py'],
  ['a dot-folder, nested', 'utils/.cache/signals.py'],
  ['venv with pyvenv.cfg', 'venv/lib/site.py'],
  ['.venv with pyvenv.cfg', '.venv/lib/site.py'],
  ['env with pyvenv.cfg', 'env/lib/site.py'],
  ['any folder with pyvenv.cfg', 'tools/sandbox/lib/site.py'],
  ['an extension QuantConnect refuses', 'notes.txt'],
  ['an extension QuantConnect refuses', 'README.md'],
  ['an extension QuantConnect refuses', 'utils/data.csv'],
  ['the local config.json', 'config.json']
]

beforeAll(() => {
  sandbox = mkdtempSync(path.join(tmpdir(), 'sources-'))
  project = path.join(sandbox, 'project')
  outside = path.join(sandbox, 'elsewhere')

  for (const file of KEPT) {
    put(project, file.name, file.content)
  }
  for (const [, name] of SKIPPED) {
    put(project, name)
  }
  for (const venv of ['venv', '.venv', 'env', 'tools/sandbox']) {
    put(project, `${venv}/pyvenv.cfg`, 'home = /usr/bin\n')
  }

  put(outside, 'secret.py')
  put(outside, 'shared/common.py')
  link('main.py', 'alias.py')
  link('utils', 'linked-utils')
  link(path.join(outside, 'secret.py'), 'secret.py')
  link(path.join(outside, 'shared'), 'shared')
  link('.', 'utils/loop')
  link('missing.py', 'broken.py')
})

afterAll(() => {
  rmSync(sandbox, { recursive: true, force: true })
})

beforeEach(() => {
  printed = []
  captureStdout(printed)
})

afterEach(() => {
  jest.restoreAllMocks()
})

describe('listSources', () => {
  test('returns every accepted file with its content, sorted by name', async () => {
    const sources = await listSources(project)

    const fromLinks = [
      { name: 'alias.py', content: 'print("hi")\n' },
      { name: 'linked-utils/deep/deeper/model.py', content: 'x = 1\n' },
      {
        name: 'linked-utils/signals.py',
        content: 'def signal():\n    return 1\n'
      }
    ]
    const expected = [...KEPT, ...fromLinks].sort((a, b) =>
      a.name < b.name ? -1 : 1
    )
    expect(sources).toEqual(expected)
  })

  test('sorts by code unit, so capitals come first', async () => {
    const names = (await listSources(project)).map((source) => source.name)

    expect(names.indexOf('Alpha.cs')).toBe(0)
    expect(names.indexOf('ünïcode/naïve.py')).toBe(names.length - 1)
  })

  test.each(SKIPPED)('leaves out %s: %s', async (_rule, name) => {
    const names = (await listSources(project)).map((source) => source.name)

    expect(names).not.toContain(name)
  })

  test.each([
    ['a file link', 'secret.py'],
    ['a folder link', 'shared/common.py']
  ])(
    'does not follow %s out of the project folder, and warns',
    async (_kind, name) => {
      const names = (await listSources(project)).map((source) => source.name)

      expect(names).not.toContain(name)
      const warning = printed.find(
        (line) =>
          line.startsWith('::warning') &&
          line.includes(`Not pushing ${name.split('/')[0]}`)
      )
      expect(warning).toContain('outside the project folder')
    }
  )

  test('does not loop on a link back to a parent folder', async () => {
    const names = (await listSources(project)).map((source) => source.name)

    expect(names.some((name) => name.includes('loop'))).toBe(false)
  })

  test('skips a broken link with a warning', async () => {
    const names = (await listSources(project)).map((source) => source.name)

    expect(names).not.toContain('broken.py')
    expect(printed.join('')).toContain(
      'Not pushing broken.py: it is a broken symbolic link.'
    )
  })

  test.each([
    ['a missing folder', 'no-such-folder'],
    ['a file', 'project/main.py']
  ])('refuses %s as the project folder', async (_kind, name) => {
    const failure = listSources(path.join(sandbox, name))

    await expect(failure).rejects.toBeInstanceOf(ActionError)
    await expect(failure).rejects.toThrow('Check project-path')
  })

  test('returns an empty list for a folder without sources', async () => {
    const bare = path.join(sandbox, 'bare')
    put(bare, 'notes.txt')

    await expect(listSources(bare)).resolves.toEqual([])
  })
})

describe('isSourceName', () => {
  test.each([
    ['main.py', true],
    ['Alpha.cs', true],
    ['research.ipynb', true],
    ['style.css', true],
    ['page.html', true],
    ['page.htm', false],
    ['main.pyc', false],
    ['config.json', false],
    ['py', false],
    ['.py', false]
  ])('%s -> %s', (name, expected) => {
    expect(isSourceName(name)).toBe(expected)
  })
})
