import { describe, expect, test } from '@jest/globals'
import type { PushReport } from '../src/push.js'
import { renderPushSection } from '../src/report/push-summary.js'

function report(overrides: Partial<PushReport> = {}): PushReport {
  return {
    created: [],
    updated: [],
    deleted: [],
    unchanged: [],
    skippedLibrary: [],
    ...overrides
  }
}

/** The cells of the table row whose first cell is `label`. */
function row(html: string, label: string): string[] {
  const line = html
    .split('\n')
    .find((candidate) => candidate.startsWith(`<tr><td>${label}</td>`))
  if (!line) {
    throw new Error(`No row ${label} in:\n${html}`)
  }
  return [...line.matchAll(/<td>(.*?)<\/td>/g)].map((match) => match[1] ?? '')
}

describe('renderPushSection', () => {
  test.each([
    ['Created', 'created', ['utils/new.py']],
    ['Updated', 'updated', ['main.py', 'utils/signals.py']],
    ['Deleted', 'deleted', ['old.py', 'older.py', 'oldest.py']]
  ] as const)(
    'lists every %s file by name with its count',
    (label, field, names) => {
      const html = renderPushSection(report({ [field]: [...names] }))

      const [, count, files] = row(html, label)
      expect(count).toBe(String(names.length))
      expect(files).toBe(
        names.map((name) => `<code>${name}</code>`).join('<br>')
      )
    }
  )

  test.each([
    ['unchanged', 'Unchanged', 'unchanged'],
    ['library', 'Library files, left alone', 'skippedLibrary']
  ] as const)('folds the %s files away', (_group, label, field) => {
    const names = Array.from({ length: 30 }, (_, i) => `f${i}.py`)

    const html = renderPushSection(report({ [field]: names }))

    const [, count, files] = row(html, label)
    expect(count).toBe('30')
    expect(files).toMatch(/^<details><summary>30 files<\/summary>/)
    expect(files).toContain('<code>f29.py</code>')
  })

  test.each([
    ['one change', report({ created: ['a.py'] }), '1 file changed'],
    [
      'two changes',
      report({ created: ['a.py'], deleted: ['b.py'] }),
      '2 files changed'
    ],
    [
      'no change',
      report({ unchanged: ['a.py'], skippedLibrary: ['l.py'] }),
      "already held the repository's sources; nothing was sent"
    ]
  ])('leads with what changed: %s', (_case, pushed, lead) => {
    expect(renderPushSection(pushed)).toContain(lead)
  })

  test('shows a zero count and no names for an empty group', () => {
    const html = renderPushSection(report({ unchanged: ['main.py'] }))

    expect(row(html, 'Created')).toEqual(['Created', '0', ''])
    expect(row(html, 'Unchanged')).toEqual([
      'Unchanged',
      '1',
      '<details><summary>1 file</summary><code>main.py</code></details>'
    ])
  })

  test('escapes file names', () => {
    const html = renderPushSection(report({ created: ['<b>&x.py'] }))

    expect(html).toContain('<code>&lt;b&gt;&amp;x.py</code>')
    expect(html).not.toContain('<b>')
  })
})
