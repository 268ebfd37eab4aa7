import {
  afterEach,
  beforeEach,
  describe,
  expect,
  jest,
  test
} from '@jest/globals'
import type { Finding, Level } from '../src/findings.js'
import { annotate, STEP_CAP_PER_LEVEL } from '../src/report/annotations.js'
import {
  workflowCommands,
  type WorkflowCommand as Command
} from './support/runner-files.js'
import { captureStdout } from './support/stdout.js'

function finding(
  level: Level,
  index: number,
  fields: Partial<Finding> = {}
): Finding {
  return {
    level,
    path: `algos/file${index}.py`,
    line: index + 1,
    column: 2,
    title: `${level} title`,
    message: `${level} ${index}`,
    ...fields
  }
}

function many(level: Level, count: number): Finding[] {
  return Array.from({ length: count }, (_, i) => finding(level, i))
}

describe('annotate', () => {
  let written: string[]

  beforeEach(() => {
    written = []
    captureStdout(written)
  })

  afterEach(() => {
    jest.restoreAllMocks()
  })

  const commands = (): Command[] => workflowCommands(written.join(''))

  test.each([
    [0, 0],
    [1, 0],
    [STEP_CAP_PER_LEVEL, 0],
    [STEP_CAP_PER_LEVEL + 1, 1],
    [45, 45 - STEP_CAP_PER_LEVEL]
  ])(
    'of %d errors, shows at most 10 and reports %d left out',
    (count, leftOut) => {
      expect(annotate(many('error', count))).toBe(leftOut)

      const shown = commands()
      expect(shown).toHaveLength(Math.min(count, 10))
      expect(shown.every((command) => command.command === 'error')).toBe(true)
    }
  )

  test('caps each level on its own and shows errors, then warnings, then notices', () => {
    const findings = [
      ...many('notice', 12),
      ...many('warning', 3),
      ...many('error', 11)
    ]

    const leftOut = annotate(findings)

    expect(leftOut).toBe(3)
    expect(commands().map((command) => command.command)).toEqual([
      ...Array<string>(10).fill('error'),
      ...Array<string>(3).fill('warning'),
      ...Array<string>(10).fill('notice')
    ])
  })

  test('the last shown of a level counts the rest and names the job summary', () => {
    annotate([...many('error', 13), ...many('notice', 11)])

    const errors = commands().filter((command) => command.command === 'error')
    const notices = commands().filter((command) => command.command === 'notice')

    errors.slice(0, -1).forEach((command, i) => {
      expect(command.message).toBe(`error ${i}`)
    })
    expect(errors.at(-1)?.message).toMatch(/^error 9\n\n/)
    expect(errors.at(-1)?.message).toMatch(/\b3 more errors\b/)
    expect(errors.at(-1)?.message).toMatch(/job summary/)
    expect(notices.at(-1)?.message).toMatch(/\b1 more notice\b(?!s)/)
    expect(notices.at(-1)?.message).toMatch(/job summary/)
  })

  test('no note when nothing of that level was left out', () => {
    annotate([...many('error', 10), ...many('warning', 11)])

    const errors = commands().filter((command) => command.command === 'error')
    expect(errors.at(-1)?.message).toBe('error 9')
  })

  test('carries title, file, line and column of a placed finding', () => {
    annotate([
      finding('warning', 0, {
        path: 'algos/main.py',
        line: 12,
        column: 5,
        title: 'Build warning',
        message: 'unused variable\nsecond line'
      })
    ])

    expect(commands()).toEqual([
      {
        command: 'warning',
        properties: {
          title: 'Build warning',
          file: 'algos/main.py',
          line: '12',
          col: '5'
        },
        message: 'unused variable\nsecond line'
      }
    ])
  })

  test.each([
    ['algos/my strategy.py'],
    ['algos/a,b,c.py'],
    ['algos/time 10:30.py'],
    ['algos/#1 alpha.py'],
    ['algos/100% sure.py'],
    ['algos/стратегия.py'],
    ['algos/戦略/アルファ.py'],
    ['algos/ملف.py'],
    ['algos/a, b: c #d %2C é.py']
  ])('the file name %j survives the escaping', (name) => {
    annotate([finding('error', 0, { path: name, line: 3 })])

    const [command] = commands()
    expect(command?.properties.file).toBe(name)
    expect(command?.properties.line).toBe('3')
  })

  test('a finding without a repository path carries no file, line or column', () => {
    annotate([
      finding('error', 0, {
        path: undefined,
        cloudFile: 'lost.py',
        line: 12,
        column: 5,
        title: 'Build error'
      })
    ])

    const [command] = commands()
    expect(command?.properties).toEqual({ title: 'Build error' })
  })

  test('a column without a line is left out', () => {
    annotate([finding('notice', 0, { line: undefined, column: 5 })])

    const [command] = commands()
    expect(command?.properties.file).toBe('algos/file0.py')
    expect(command?.properties).not.toHaveProperty('line')
    expect(command?.properties).not.toHaveProperty('col')
  })
})

describe('annotate with reserved slots', () => {
  test('keeps room for the annotations the step makes itself', () => {
    const out: string[] = []
    captureStdout(out)
    const findings = Array.from({ length: 12 }, (_, i) => ({
      level: 'error' as const,
      path: 'main.py',
      line: i + 1,
      title: 'Build error',
      message: `e${i + 1}`
    }))

    const leftOut = annotate(findings, { error: 1 })

    const errors = out.filter((line) => line.startsWith('::error '))
    expect(errors).toHaveLength(9)
    expect(leftOut).toBe(3)
    expect(errors.at(-1)).toContain('3 more errors not shown')
    jest.restoreAllMocks()
  })

  test('cuts a huge message and says so', () => {
    const out: string[] = []
    captureStdout(out)

    annotate([{ level: 'notice', title: 't', message: 'x'.repeat(600_000) }])

    expect(out.join('').length).toBeLessThan(10_000)
    expect(out.join('')).toContain('(cut; the job summary has it all)')
    jest.restoreAllMocks()
  })
})
