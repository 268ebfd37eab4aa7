/**
 * Scenarios: a compile outcome to force and faults to inject, per endpoint
 * and per request number. Checked strictly so a typo fails at start-up
 * instead of silently doing nothing.
 */

import { readFile } from 'node:fs/promises'

const SCENARIO_KEYS = ['compileSeconds', 'compile', 'faults']
const COMPILE_KEYS = ['state', 'logs', 'parameters']
const COMPILE_STATES = ['BuildSuccess', 'BuildError', 'InQueue']
const FAULT_KEYS = [
  'endpoint',
  'request',
  'times',
  'status',
  'body',
  'json',
  'contentType',
  'success',
  'errors',
  'messages',
  'delayMs',
  'hang',
  'retryAfter'
]

/**
 * @typedef {{
 *   state?: 'BuildSuccess' | 'BuildError' | 'InQueue',
 *   logs?: string[],
 *   parameters?: { file: string, parameters: { line: number, type: string }[] }[]
 * }} CompileOverride
 * @typedef {{
 *   endpoint: string, request?: number, times?: number, status?: number,
 *   body?: string, json?: unknown, contentType?: string, success?: false,
 *   errors?: string[], messages?: string[], delayMs?: number, hang?: true,
 *   retryAfter?: number | string
 * }} Fault
 * @typedef {{ compileSeconds?: number, compile?: CompileOverride, faults?: Fault[] }} Scenario
 */

/**
 * Reads a scenario from an object or a JSON file and checks it.
 *
 * @param {Scenario | string | undefined} source
 * @param {string} [label] where it came from, for error messages
 * @returns {Promise<Scenario>}
 */
export async function loadScenario(source, label = 'scenario') {
  if (source === undefined) return {}
  if (typeof source === 'string') {
    const text = await readFile(source, 'utf8')
    return checkScenario(JSON.parse(text), source)
  }
  return checkScenario(source, label)
}

/**
 * @param {any} scenario
 * @param {string} label
 * @returns {Scenario}
 */
export function checkScenario(scenario, label) {
  expectObject(scenario, label)
  expectKeys(scenario, SCENARIO_KEYS, label)
  const seconds = scenario.compileSeconds
  if (seconds !== undefined && !(typeof seconds === 'number' && seconds >= 0)) {
    throw new Error(`${label}: compileSeconds must be a number >= 0`)
  }
  if (scenario.compile !== undefined) {
    const where = `${label}: compile`
    expectObject(scenario.compile, where)
    expectKeys(scenario.compile, COMPILE_KEYS, where)
    const { state, logs, parameters } = scenario.compile
    if (state !== undefined && !COMPILE_STATES.includes(state)) {
      throw new Error(`${where}.state must be one of ${COMPILE_STATES}`)
    }
    if (logs !== undefined && !isStringList(logs)) {
      throw new Error(`${where}.logs must be a list of strings`)
    }
    if (parameters !== undefined && !Array.isArray(parameters)) {
      throw new Error(`${where}.parameters must be a list`)
    }
  }
  for (const [index, fault] of (scenario.faults ?? []).entries()) {
    checkFault(fault, `${label}: faults[${index}]`)
  }
  return scenario
}

/**
 * @param {any} fault
 * @param {string} where
 */
function checkFault(fault, where) {
  expectObject(fault, where)
  expectKeys(fault, FAULT_KEYS, where)
  if (typeof fault.endpoint !== 'string' || fault.endpoint === '') {
    throw new Error(
      `${where}.endpoint must name an endpoint, e.g. compile/read`
    )
  }
  for (const key of ['request', 'times', 'status']) {
    const value = fault[key]
    if (value !== undefined && !(Number.isInteger(value) && value >= 1)) {
      throw new Error(`${where}.${key} must be a whole number >= 1`)
    }
  }
  if (fault.success !== undefined && fault.success !== false) {
    throw new Error(`${where}.success can only be false`)
  }
  for (const key of ['errors', 'messages']) {
    if (fault[key] !== undefined && !isStringList(fault[key])) {
      throw new Error(`${where}.${key} must be a list of strings`)
    }
  }
  if (fault.body !== undefined && typeof fault.body !== 'string') {
    throw new Error(`${where}.body must be a string ('' for an empty body)`)
  }
}

/** @param {string} text */
export function trimSlashes(text) {
  return text.replace(/^\/+|\/+$/g, '')
}

/** @param {any} value @param {string} where */
function expectObject(value, where) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`${where} must be an object`)
  }
}

/** @param {object} value @param {string[]} known @param {string} where */
function expectKeys(value, known, where) {
  const unknown = Object.keys(value).filter((key) => !known.includes(key))
  if (unknown.length > 0) {
    throw new Error(
      `${where}: unknown key ${unknown.join(', ')} (known: ${known.join(', ')})`
    )
  }
}

/** @param {unknown} value */
function isStringList(value) {
  return Array.isArray(value) && value.every((item) => typeof item === 'string')
}
