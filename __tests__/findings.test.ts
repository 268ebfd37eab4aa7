import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import type { Diagnostic } from '../src/build-log.js'
import {
  PARAMETER_TITLE,
  toFindings,
  type FindingOptions
} from '../src/findings.js'
import type { DetectedParameter } from '../src/parameters.js'

function diagnostic(fields: Omit<Diagnostic, 'raw'>): Diagnostic {
  return { ...fields, raw: fields.message }
}

function parameter(
  cloudFile: string,
  line: number | undefined,
  description = '2 LEAN API parameters detected'
): DetectedParameter {
  return { cloudFile, line, description, count: 2 }
}

/** Options whose checkout holds exactly `files`. */
function options(
  files: readonly string[],
  overrides: Partial<FindingOptions> = {}
): FindingOptions {
  return {
    projectPath: 'algos',
    workspace: '/nowhere',
    parameterLevel: 'notice',
    exists: (repositoryPath) => files.includes(repositoryPath),
    ...overrides
  }
}

describe('toFindings', () => {
  test('orders errors, then warnings, then notices, keeping order within a level', () => {
    const findings = toFindings(
      [
        diagnostic({ severity: 'warning', message: 'w1' }),
        diagnostic({ severity: 'error', message: 'e1' }),
        diagnostic({ severity: 'warning', message: 'w2' }),
        diagnostic({ severity: 'error', message: 'e2' })
      ],
      [parameter('main.py', 3)],
      options(['algos/main.py'], { parameterLevel: 'notice' })
    )

    expect(findings.map((finding) => [finding.level, finding.message])).toEqual(
      [
        ['error', 'e1'],
        ['error', 'e2'],
        ['warning', 'w1'],
        ['warning', 'w2'],
        ['notice', '2 LEAN API parameters detected']
      ]
    )
  })

  test.each([
    ['error', 'Build error'],
    ['warning', 'Build warning']
  ] as const)('a build %s is titled %j', (severity, title) => {
    const [finding] = toFindings(
      [diagnostic({ severity, message: 'x' })],
      [],
      options([])
    )

    expect(finding?.title).toBe(title)
  })

  test.each(['notice', 'warning'] as const)(
    'detected parameters are shown at the %s level',
    (parameterLevel) => {
      const findings = toFindings(
        [],
        [parameter('main.py', 3)],
        options(['algos/main.py'], { parameterLevel })
      )

      expect(findings).toEqual([
        {
          level: parameterLevel,
          cloudFile: 'main.py',
          path: 'algos/main.py',
          line: 3,
          column: undefined,
          title: PARAMETER_TITLE,
          message: '2 LEAN API parameters detected'
        }
      ])
    }
  )

  test('parameter-annotations off leaves out detected parameters only', () => {
    const findings = toFindings(
      [diagnostic({ severity: 'error', message: 'boom' })],
      [parameter('main.py', 3)],
      options(['algos/main.py'], { parameterLevel: 'off' })
    )

    expect(findings.map((finding) => finding.message)).toEqual(['boom'])
  })

  test('places a finding on its repository path when the file is checked out', () => {
    const [finding] = toFindings(
      [
        diagnostic({
          severity: 'error',
          file: 'utils/signals.py',
          line: 12,
          column: 5,
          message: 'invalid syntax'
        })
      ],
      [],
      options(['algos/utils/signals.py'])
    )

    expect(finding).toEqual({
      level: 'error',
      cloudFile: 'utils/signals.py',
      path: 'algos/utils/signals.py',
      line: 12,
      column: 5,
      title: 'Build error',
      message: 'invalid syntax'
    })
  })

  test.each([
    [12, 'utils/signals.py:12'],
    [undefined, 'utils/signals.py']
  ])(
    'a file missing from the checkout (line %p) keeps no path and says where it was',
    (line, where) => {
      const [finding] = toFindings(
        [
          diagnostic({
            severity: 'error',
            file: 'utils/signals.py',
            line,
            message: 'invalid syntax'
          })
        ],
        [],
        options([])
      )

      expect(finding?.path).toBeUndefined()
      expect(finding?.cloudFile).toBe('utils/signals.py')
      expect(finding?.message).toMatch(/^invalid syntax\n/)
      expect(finding?.message).toContain(where)
      expect(finding?.message).toContain('not in the checkout')
    }
  )

  test('a diagnostic naming no file keeps its message as it is', () => {
    const [finding] = toFindings(
      [diagnostic({ severity: 'error', message: 'Build failed' })],
      [],
      options([])
    )

    expect(finding).toEqual({
      level: 'error',
      line: undefined,
      column: undefined,
      title: 'Build error',
      message: 'Build failed'
    })
  })

  test('asks about the repository path under the project folder', () => {
    const asked: string[] = []

    toFindings(
      [diagnostic({ severity: 'error', file: './main.py', message: 'x' })],
      [parameter('utils\\signals.py', 1)],
      options([], {
        projectPath: 'algos/alpha',
        exists: (repositoryPath) => {
          asked.push(repositoryPath)
          return false
        }
      })
    )

    expect(asked.sort()).toEqual([
      'algos/alpha/main.py',
      'algos/alpha/utils/signals.py'
    ])
  })
})

describe('toFindings without an exists check', () => {
  let workspace = ''

  beforeAll(() => {
    workspace = mkdtempSync(path.join(tmpdir(), 'findings-'))
    mkdirSync(path.join(workspace, 'algos', 'utils'), { recursive: true })
    writeFileSync(path.join(workspace, 'algos', 'main.py'), '')
    writeFileSync(path.join(workspace, 'algos', 'utils', 'signals.py'), '')
  })

  afterAll(() => {
    rmSync(workspace, { recursive: true, force: true })
  })

  test.each([
    ['main.py', 'algos/main.py'],
    ['utils/signals.py', 'algos/utils/signals.py'],
    ['missing.py', undefined]
  ])('looks for %j in the workspace on disk', (cloudFile, expected) => {
    const [finding] = toFindings([], [parameter(cloudFile, 1)], {
      projectPath: 'algos',
      workspace,
      parameterLevel: 'warning'
    })

    expect(finding?.path).toBe(expected)
  })
})
