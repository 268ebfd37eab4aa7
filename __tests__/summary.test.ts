import { describe, expect, test } from '@jest/globals'
import type { CompileResult } from '../src/compile.js'
import type { Finding } from '../src/findings.js'
import type { DetectedParameter } from '../src/parameters.js'
import { blobUrl, escapeHtml, link, table } from '../src/report/html.js'
import {
  renderSummary,
  SUMMARY_LIMIT_BYTES,
  type SummaryInput
} from '../src/report/summary.js'

const env = {
  GITHUB_SERVER_URL: 'https://github.example.com',
  GITHUB_REPOSITORY: 'octo/strategies',
  GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567'
}
const blob = `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/blob/${env.GITHUB_SHA}`

function result(fields: Partial<CompileResult> = {}): CompileResult {
  return {
    projectId: 4242,
    compileId: 'c0ffee-1234',
    state: 'BuildSuccess',
    signature: 'sig-abc',
    parameters: [],
    logs: ['Build started', 'Build succeeded'],
    elapsedMs: 12_345,
    reads: 7,
    finished: true,
    ...fields
  }
}

function parameter(
  cloudFile: string,
  line: number | undefined,
  count: number
): DetectedParameter {
  return {
    cloudFile,
    line,
    description: `${count} LEAN API parameters detected`,
    count
  }
}

function render(fields: Partial<SummaryInput> = {}): string {
  return renderSummary({
    result: result(),
    buildFindings: [],
    projectPath: 'algos',
    env,
    ...fields
  })
}

/** The `<details ...>` opening tag of the build log. */
function logTag(html: string): string | undefined {
  return /<details[^>]*><summary>Build log/.exec(html)?.[0]
}

describe('renderSummary', () => {
  test('shows the project, compile id, state, signature and elapsed time', () => {
    const html = render({
      result: result({ state: 'BuildError', signature: 'sig-xyz' }),
      maxParameters: 15
    })

    expect(html).toContain('4242')
    expect(html).toContain('c0ffee-1234')
    expect(html).toContain('BuildError')
    expect(html).toContain('sig-xyz')
    expect(html).toContain('12.3 s')
    expect(html).toContain('Build failed')
    expect(html).toMatch(/Parameter budget<\/td><td>15</)
  })

  test.each([
    ['BuildSuccess', 'Build succeeded'],
    ['BuildError', 'Build failed'],
    ['InQueue', 'Still InQueue at the deadline']
  ])('the heading of a compile in %s says %j', (state, heading) => {
    expect(render({ result: result({ state }) })).toMatch(
      new RegExp(`<h2>[^<]*${heading}</h2>`)
    )
  })

  test('lists detected parameters by file with links to their lines', () => {
    const html = render({
      result: result({
        parameters: [
          parameter('main.py', 12, 2),
          parameter('utils/signals.py', 30, 5),
          parameter('main.py', undefined, 1)
        ]
      })
    })

    expect(html).toContain('Detected parameters (8)')
    expect(html).toContain(`<a href="${blob}/algos/main.py#L12">12</a>`)
    expect(html).toContain(
      `<a href="${blob}/algos/utils/signals.py#L30">30</a>`
    )
    expect(html).toContain(`<a href="${blob}/algos/main.py">?</a>`)
    expect(html).toContain('algos/utils/signals.py (5)')
    expect(html).toContain('algos/main.py (3)')
    expect(html.indexOf('algos/utils/signals.py (5)')).toBeLessThan(
      html.indexOf('algos/main.py (3)')
    )
  })

  test('says so when no parameters were detected', () => {
    expect(render()).toMatch(/<h3>Detected parameters<\/h3>\n<p>None\.<\/p>/)
  })

  test('lists build messages, linking the placed ones', () => {
    const buildFindings: Finding[] = [
      {
        level: 'error',
        cloudFile: 'main.py',
        path: 'algos/main.py',
        line: 7,
        title: 'Build error',
        message: 'invalid syntax'
      },
      {
        level: 'warning',
        cloudFile: 'gone.py',
        line: 3,
        title: 'Build warning',
        message: 'unused import'
      },
      { level: 'error', title: 'Build error', message: 'Build failed' }
    ]

    const html = render({
      result: result({ state: 'BuildError' }),
      buildFindings
    })

    expect(html).toContain('Build messages (3)')
    expect(html).toContain(
      `<a href="${blob}/algos/main.py#L7">algos/main.py:7</a>`
    )
    expect(html).toContain('<td>gone.py:3</td>')
    expect(html).toContain('(no file)')
    expect(html).toContain('<pre>invalid syntax</pre>')
    expect(html).toContain('<pre>unused import</pre>')
  })

  test('folds the build log after the other sections', () => {
    const html = render({
      result: result({ logs: ['line one', 'line two'] }),
      sections: ['<h3>Push</h3>\n<p>2 files updated.</p>']
    })

    expect(logTag(html)).toBe('<details><summary>Build log')
    expect(html).toContain('Build log (2 lines)')
    expect(html).toContain('<pre>line one\nline two</pre>')
    expect(html.indexOf('<h3>Push</h3>')).toBeLessThan(
      html.indexOf('<summary>Build log')
    )
  })

  test('escapes text from the log, findings and parameters', () => {
    const html = render({
      result: result({
        state: 'BuildError',
        compileId: 'id<1>',
        logs: ['<script>alert("x")</script> & more'],
        parameters: [
          {
            cloudFile: 'a<b>.py',
            line: 1,
            description: '1 parameter near "<img src=x>"',
            count: 1
          }
        ]
      }),
      buildFindings: [
        {
          level: 'error',
          cloudFile: '<i>.py',
          line: 2,
          title: 'Build error',
          message: '<b>bold</b>'
        }
      ]
    })

    expect(html).not.toMatch(/<(script|img|b|i)\b/)
    expect(html).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more'
    )
    expect(html).toContain('id&lt;1&gt;')
    expect(html).toContain('&lt;b&gt;bold&lt;/b&gt;')
    expect(html).toContain('&lt;i&gt;.py:2')
    expect(html).toContain('algos/a&lt;b&gt;.py (1)')
    expect(html).toContain('&quot;&lt;img src=x&gt;&quot;')
  })

  test.each([
    ['no findings', []],
    [
      'only unplaced findings',
      [
        {
          level: 'error',
          cloudFile: 'gone.py',
          line: 3,
          title: 'Build error',
          message: 'x'
        },
        { level: 'error', title: 'Build error', message: 'Build failed' }
      ]
    ]
  ] as [string, Finding[]][])(
    'a failed build with %s shows its log unfolded',
    (_, buildFindings) => {
      const html = render({
        result: result({ state: 'BuildError', logs: ['error CS1002'] }),
        buildFindings
      })

      expect(logTag(html)).toBe('<details open><summary>Build log')
    }
  )

  test('a failed build with no findings says the log names no file', () => {
    const html = render({ result: result({ state: 'BuildError' }) })

    expect(html).toContain('<h3>Build errors</h3>')
    expect(html).toContain('names no file and line')
  })

  test('a failed build with a placed finding keeps the log folded', () => {
    const html = render({
      result: result({ state: 'BuildError' }),
      buildFindings: [
        {
          level: 'error',
          cloudFile: 'main.py',
          path: 'algos/main.py',
          line: 1,
          title: 'Build error',
          message: 'x'
        }
      ]
    })

    expect(logTag(html)).toBe('<details><summary>Build log')
  })

  test('without the repository and commit, shows places as plain text', () => {
    const html = render({
      env: {},
      result: result({ parameters: [parameter('main.py', 12, 2)] })
    })

    expect(html).not.toContain('<a ')
    expect(html).toContain('<td>12</td>')
  })

  test('cuts a huge build log from its start, keeping its end, under the limit', () => {
    const lines = 50_000
    const logs = Array.from(
      { length: lines },
      (_, i) => `log line ${String(i).padStart(8, '0')} ${'x'.repeat(22)}`
    )
    expect(logs[0]).toHaveLength(40)

    const html = render({
      result: result({ logs, parameters: [parameter('main.py', 12, 2)] })
    })

    expect(Buffer.byteLength(html)).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES)
    expect(html).toContain(`Build log (${lines} lines)`)
    expect(html).toContain('c0ffee-1234')
    expect(html).toContain(`<a href="${blob}/algos/main.py#L12">12</a>`)
    expect(html).toContain(logs.at(-1))
    expect(html).not.toContain(logs[0])

    const cut = /(\d+) first lines of the build log were cut/.exec(html)
    const shown = new Set(html.replace(/<\/?pre>/g, '\n').split('\n'))
    const kept = logs.filter((line) => shown.has(line)).length
    expect(Number(cut?.[1])).toBe(lines - kept)
    expect(kept).toBeGreaterThan(lines / 2)
  })

  test('counts bytes, not characters, when it cuts a non-Latin log', () => {
    const logs = Array.from(
      { length: 30_000 },
      (_, i) => `${i} ошибка сборки: неверный синтаксис`
    )

    const html = render({ result: result({ state: 'BuildError', logs }) })

    expect(Buffer.byteLength(html)).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES)
    expect(html).toMatch(/\d+ first lines of the build log were cut/)
  })

  test.each([
    ['Latin', 'Build error: invalid syntax near token'],
    ['non-Latin', 'ошибка сборки: неверный синтаксис 構文エラー']
  ])(
    'too many %s build messages still stay under the limit and say what was left out',
    (_, text) => {
      const buildFindings: Finding[] = Array.from(
        { length: 50_000 },
        (_, i) => ({
          level: 'error',
          cloudFile: 'main.py',
          path: 'algos/main.py',
          line: i + 1,
          title: 'Build error',
          message: `${text} ${i}`
        })
      )

      const html = render({
        result: result({
          state: 'BuildError',
          logs: buildFindings.map((finding) => finding.message)
        }),
        buildFindings
      })

      expect(Buffer.byteLength(html)).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES)
      expect(html).toContain('c0ffee-1234')
      expect(html).toContain('left out')
      expect(html).not.toContain('\uFFFD')
    }
  )
})

describe('html helpers', () => {
  test.each([
    ['plain', 'plain'],
    ['a & b', 'a &amp; b'],
    ['<tag attr="v">', '&lt;tag attr=&quot;v&quot;&gt;'],
    ['&lt;', '&amp;lt;'],
    ["it's", "it's"]
  ])('escapeHtml(%j) -> %j', (text, expected) => {
    expect(escapeHtml(text)).toBe(expected)
  })

  test.each([
    ['algos/main.py', 12, `${blob}/algos/main.py#L12`],
    ['algos/main.py', undefined, `${blob}/algos/main.py`],
    ['my algos/#1 alpha.py', 3, `${blob}/my%20algos/%231%20alpha.py#L3`],
    ['algos/100%.py', 1, `${blob}/algos/100%25.py#L1`],
    [
      'стратегия.py',
      1,
      `${blob}/%D1%81%D1%82%D1%80%D0%B0%D1%82%D0%B5%D0%B3%D0%B8%D1%8F.py#L1`
    ]
  ])('blobUrl(%j, %p)', (repositoryPath, line, expected) => {
    expect(blobUrl(repositoryPath, line, env)).toBe(expected)
  })

  test('blobUrl defaults to github.com and needs the repository and commit', () => {
    const { GITHUB_SERVER_URL: _server, ...rest } = env

    expect(blobUrl('a.py', 1, rest)).toBe(
      `https://github.com/octo/strategies/blob/${env.GITHUB_SHA}/a.py#L1`
    )
    expect(blobUrl('a.py', 1, { GITHUB_SHA: env.GITHUB_SHA })).toBeUndefined()
    expect(
      blobUrl('a.py', 1, { GITHUB_REPOSITORY: env.GITHUB_REPOSITORY })
    ).toBeUndefined()
  })

  test.each([
    [
      'a<b',
      'https://x.test/?a=1&b=2',
      '<a href="https://x.test/?a=1&amp;b=2">a&lt;b</a>'
    ],
    ['a<b', undefined, 'a&lt;b']
  ])('link(%j, %j)', (text, url, expected) => {
    expect(link(text, url)).toBe(expected)
  })

  test('table escapes header cells and keeps body cells as HTML', () => {
    expect(table(['A<', 'B'], [['<b>1</b>', '2']])).toBe(
      '<table>\n<tr><th>A&lt;</th><th>B</th></tr>\n' +
        '<tr><td><b>1</b></td><td>2</td></tr>\n</table>\n'
    )
  })
})
