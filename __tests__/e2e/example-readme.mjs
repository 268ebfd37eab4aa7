/**
 * The detected parameters an example's README promises, read from its
 * table: | `main.py` | 17 | 1 LEAN API parameter: `self.sma(...)` |
 */

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { REPOSITORY_ROOT } from '../../emulator/runner.mjs'

const ROW =
  /^\|\s*`([^`]+)`\s*\|\s*(\d+)\s*\|\s*(\d+) ([^:|]+?):\s*`(.+)`\s*\|$/

/**
 * @typedef {{
 *   path: string, line: number, count: number, kind: string, near: string
 * }} ExpectedParameter
 */

/**
 * Each row with its repository path (`examples/<name>/<file>`); `near` is
 * the snippet up to any `...` the README shortens it with.
 *
 * @param {string} example the folder name under examples/
 * @returns {ExpectedParameter[]}
 */
export function readmeParameters(example) {
  const folder = join(REPOSITORY_ROOT, 'examples', example)
  const text = readFileSync(join(folder, 'README.md'), 'utf8')
  return text.split('\n').flatMap((line) => {
    const match = ROW.exec(line.trim())
    if (!match) return []
    const [, file, at, count, kind, snippet] = match
    return [
      {
        path: `examples/${example}/${file}`,
        line: Number(at),
        count: Number(count),
        kind,
        near: snippet.split('...')[0]
      }
    ]
  })
}

/**
 * Whether a detected parameter's description is the one a row promises:
 * `1 LEAN API parameter detected near "self.sma(self._symbol, 20)".`
 *
 * @param {ExpectedParameter} row
 * @param {string} description
 */
export function describes(row, description) {
  return description.startsWith(
    `${row.count} ${row.kind} detected near "${row.near}`
  )
}
