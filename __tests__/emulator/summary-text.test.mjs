import { describe, test, expect } from '@jest/globals'
import { summaryText } from '../../emulator/summary-text.mjs'

describe('summaryText', () => {
  test.each([
    [
      'an h2 heading',
      '<h2>Compile: ✅ ok</h2>',
      'Compile: ✅ ok\n=============='
    ],
    ['an h3 heading', '<h3>Build log</h3>', 'Build log\n---------'],
    ['a paragraph', '<p>Found <em>3</em> &amp; more.</p>', 'Found 3 & more.'],
    ['a link, as its text', '<p><a href="https://x/y#L3">3</a></p>', '3'],
    [
      'a folded details, as its label',
      '<details><summary>Build log (2 lines)</summary>\n<pre>a</pre></details>',
      '▸ Build log (2 lines), folded'
    ],
    [
      'an open details, with its content',
      '<details open><summary>Log</summary>\n\n<pre>a &lt;b&gt;\nc</pre>\n</details>',
      '▾ Log\n        a <b>\n        c'
    ],
    ['a pre block, indented', '<pre>x\ny</pre>', '    x\n    y']
  ])('renders %s', (_, html, text) => {
    expect(summaryText(html)).toBe(text)
  })

  test('aligns table columns and drops an empty header row', () => {
    const html = [
      '<table>',
      '<tr><th></th><th></th></tr>',
      '<tr><td>Project</td><td>1001</td></tr>',
      '<tr><td>Compile id</td><td><code>ab-cd</code></td></tr>',
      '</table>'
    ].join('\n')
    expect(summaryText(html)).toBe('Project     1001\nCompile id  ab-cd')
  })

  test('keeps a cell on one line: line breaks and folded lists', () => {
    const html =
      '<table><tr><th>Change</th><th>Files</th></tr>' +
      '<tr><td>Created</td><td><code>a.py</code><br><code>b.py</code></td></tr>' +
      '<tr><td>Unchanged</td><td><details><summary>3 files</summary>' +
      '<code>c.py</code></details></td></tr></table>'
    expect(summaryText(html).split('\n')).toEqual([
      'Change     Files',
      'Created    a.py, b.py',
      'Unchanged  3 files'
    ])
  })

  test('separates blocks by a blank line and styles headings', () => {
    const style = { heading: (t) => `*${t}*`, dim: (t) => `~${t}~` }
    const html = '<h3>A</h3>\n<p>b</p>\n<details><summary>c</summary></details>'
    expect(summaryText(html, style)).toBe('*A*\n-\n\nb\n\n~▸ c, folded~')
  })
})
