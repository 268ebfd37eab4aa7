/**
 * The action's own poll schedule, read from its source.
 */

import { readFileSync } from 'node:fs'
import ts from 'typescript'

/**
 * Our read times, from the action's own schedule: the first read at
 * delay(0), each next one at t + delay(t); up to and including the first
 * one at or after `untilMs`.
 *
 * @param {(elapsedMs: number) => number} nextPollDelayMs
 * @param {number} untilMs
 */
export function ourReadTimes(nextPollDelayMs, untilMs) {
  const times = [nextPollDelayMs(0)]
  while (times[times.length - 1] < untilMs) {
    const last = times[times.length - 1]
    times.push(last + nextPollDelayMs(last))
  }
  return times
}

/**
 * The action's `nextPollDelayMs`, read from src/poll-schedule.ts (a module
 * with no imports) and turned into JavaScript with TypeScript's own
 * transpiler, so that the bench measures the source as it stands on any
 * Node version.
 *
 * @returns {Promise<(elapsedMs: number) => number>}
 */
export async function loadNextPollDelayMs() {
  const source = readFileSync(
    new URL('../src/poll-schedule.ts', import.meta.url),
    'utf8'
  )
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022
    }
  })
  const url = `data:text/javascript;base64,${Buffer.from(outputText).toString('base64')}`
  const module = await import(url)
  return module.nextPollDelayMs
}
