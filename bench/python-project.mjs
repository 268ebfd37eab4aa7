/**
 * A generated Python project for the push measure: FILE_COUNT files in a
 * few packages, and the cloud copy of it, identical but for CHANGED files
 * that the repository has moved on from.
 */

import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

export const FILE_COUNT = 200
export const CHANGED = 5
const PACKAGES = ['alpha', 'risk', 'universe', 'execution', 'portfolio']

/**
 * Plausible source for one module; `revision` changes a constant and a
 * comment, as an edit would.
 *
 * @param {string} name
 * @param {number} index
 * @param {number} revision
 */
function moduleSource(name, index, revision) {
  const lookback = 10 + (index % 40) + revision
  return [
    `# ${name}: signal ${index}, revision ${revision}.`,
    'from AlgorithmImports import *',
    '',
    '',
    `class Signal${index}:`,
    `    """Momentum over ${lookback} bars, scaled by recent volatility."""`,
    '',
    '    def __init__(self, algorithm, symbol):',
    '        self._algorithm = algorithm',
    `        self._window = RollingWindow[float](${lookback})`,
    '        self._symbol = symbol',
    '',
    '    def update(self, price):',
    '        self._window.add(price)',
    '',
    '    def score(self):',
    '        if not self._window.is_ready:',
    '            return 0.0',
    '        newest, oldest = self._window[0], self._window[self._window.count - 1]',
    '        change = (newest - oldest) / oldest',
    `        return max(-1.0, min(1.0, change * ${(index % 7) + 2}))`,
    ''
  ].join('\n')
}

/**
 * The project's files as `{ name, content }`, main.py first. The files at
 * the indices in `revised` have revision 1, the others revision 0.
 *
 * @param {Set<number>} [revised]
 */
export function projectFiles(revised = new Set()) {
  const files = [
    {
      name: 'main.py',
      content:
        'from AlgorithmImports import *\n\n\n' +
        'class BenchAlgorithm(QCAlgorithm):\n' +
        '    def initialize(self):\n' +
        '        self.set_cash(100000)\n'
    }
  ]
  for (const pkg of PACKAGES) {
    files.push({ name: `${pkg}/__init__.py`, content: `# ${pkg} package\n` })
  }
  for (let i = 0; files.length < FILE_COUNT; i++) {
    const index = files.length
    const number = String(Math.floor(i / PACKAGES.length)).padStart(3, '0')
    const name = `${PACKAGES[i % PACKAGES.length]}/signal_${number}.py`
    const revision = revised.has(index) ? 1 : 0
    files.push({ name, content: moduleSource(name, index, revision) })
  }
  return files
}

/**
 * The indices of the files that differ between repository and cloud: a
 * step prime to the package count spreads them over the packages.
 */
export function changedIndices() {
  const step = Math.floor(FILE_COUNT / CHANGED) - 1
  return new Set(Array.from({ length: CHANGED }, (_, i) => 7 + i * step))
}

/**
 * Writes the repository's version of the project into `folder`.
 *
 * @param {string} folder
 */
export function writeProject(folder) {
  for (const file of projectFiles(changedIndices())) {
    const path = join(folder, file.name)
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, file.content)
  }
}

/** The cloud's copy: every file at revision 0. */
export function cloudFiles() {
  return projectFiles()
}
