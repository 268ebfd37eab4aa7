import { describe, test, expect } from '@jest/globals'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { REPOSITORY_ROOT } from './harness.mjs'

/**
 * Runs `node emulator/demo.mjs ...args` to its end.
 *
 * @param {string[]} args
 */
async function demo(args) {
  const child = spawn(process.execPath, ['emulator/demo.mjs', ...args], {
    cwd: REPOSITORY_ROOT,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (text) => (stdout += text))
  child.stderr.setEncoding('utf8').on('data', (text) => (stderr += text))
  const [code] = await once(child, 'close')
  return { code, stdout, stderr, lines: stdout.split('\n') }
}

describe('npm run demo', () => {
  test('python-momentum: green, with its notices and parameters', async () => {
    const run = await demo([])

    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.lines).toContain(
      'QuantConnect Compile on examples/python-momentum'
    )
    expect(run.lines).toContain('▸ Compiling project 1001')
    expect(run.lines).toContain(
      '  notice examples/python-momentum/main.py:17 — ' +
        '1 LEAN API parameter detected near "self.sma(self._symbol, 20)".'
    )
    expect(run.lines).toContainEqual(
      expect.stringMatching(/^ {2}state +BuildSuccess$/)
    )
    // A row of the job summary's parameter table, as aligned columns.
    expect(run.lines).toContainEqual(
      expect.stringMatching(
        /^examples\/python-momentum\/main\.py \(6\) +17 +1 +1 LEAN API parameter/
      )
    )
    expect(run.lines).toContain('▸ Build log (2 lines), folded')
    expect(run.stdout).not.toContain('::')
    expect(run.lines.at(-2)).toBe('✔ green: the step passed (exit code 0)')
  })

  test('python-broken: red, with the build error on its line', async () => {
    const run = await demo(['--example', 'python-broken'])

    expect(run.code).toBe(0)
    expect(run.lines).toContain(
      "  error examples/python-broken/alpha/signals.py:12 — expected ':'"
    )
    expect(run.lines).toContainEqual(
      expect.stringMatching(
        /^error +examples\/python-broken\/alpha\/signals\.py:12 +expected ':'$/
      )
    )
    expect(run.lines.at(-2)).toBe('✘ red: the step failed (exit code 1)')
  })

  test('--help explains, an unknown example is refused', async () => {
    const help = await demo(['--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/^Usage: npm run demo -- \[--example NAME\]/)
    expect(help.stdout).toContain('csharp-meanreversion')

    const unknown = await demo(['--example', 'nope'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('No example "nope"')
  })
})
