/**
 * The emulator's command line, read into startEmulator() options.
 */

import { parseArgs } from 'node:util'

export const USAGE = `Usage: node emulator/server.mjs [options]

  --project ID=FOLDER      serve FOLDER as project ID (repeatable)
  --user USERID:TOKEN      accept this user (repeatable; default 42:emulator-token)
  --compile-seconds N      how long a compile stays InQueue (default 1)
  --scenario FILE          scenario JSON: forced compile outcome, faults
  --host HOST              default 127.0.0.1
  --port N                 default 0 (any free port)
  --timestamp-window N     seconds a signed timestamp may be off (default 7200)
  --clock-skew N           seconds the emulator's clock is ahead (negative:
                           behind; write --clock-skew=-N) (default 0)
  --python PATH            interpreter for Python compiles (default python3)
  --max-file-bytes N       per-file size limit, HTTP 413 above (default 262144)`

/**
 * @param {string[]} argv the arguments after the script name
 * @returns {{ help: boolean, options: import('./server.mjs').EmulatorOptions }}
 */
export function readCommandLine(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      project: { type: 'string', multiple: true, default: [] },
      user: { type: 'string', multiple: true, default: [] },
      'compile-seconds': { type: 'string' },
      scenario: { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      'timestamp-window': { type: 'string' },
      'clock-skew': { type: 'string' },
      python: { type: 'string' },
      'max-file-bytes': { type: 'string' },
      help: { type: 'boolean', short: 'h' }
    }
  })
  return {
    help: values.help === true,
    options: {
      projects: values.project.map(parseProjectArg),
      users: values.user.length > 0 ? values.user.map(parseUserArg) : undefined,
      compileSeconds: numberArg(values['compile-seconds'], '--compile-seconds'),
      scenario: values.scenario,
      host: values.host,
      port: numberArg(values.port, '--port'),
      timestampWindowSeconds: numberArg(
        values['timestamp-window'],
        '--timestamp-window'
      ),
      clockSkewSeconds: numberArg(values['clock-skew'], '--clock-skew', true),
      python: values.python,
      maxFileBytes: numberArg(values['max-file-bytes'], '--max-file-bytes')
    }
  }
}

/** @param {string} text `1001=examples/python-momentum` */
function parseProjectArg(text) {
  const match = /^(\d+)=(.+)$/.exec(text)
  if (!match) throw new Error(`--project wants ID=FOLDER, got "${text}"`)
  return { id: Number(match[1]), folder: match[2] }
}

/** @param {string} text `42:secret-token` */
function parseUserArg(text) {
  const colon = text.indexOf(':')
  if (colon <= 0 || colon === text.length - 1) {
    throw new Error('--user wants USERID:TOKEN')
  }
  return { userId: text.slice(0, colon), token: text.slice(colon + 1) }
}

/**
 * @param {string | undefined} text
 * @param {string} flag
 * @param {boolean} [signed] whether a negative number is allowed
 */
function numberArg(text, flag, signed = false) {
  if (text === undefined) return undefined
  const value = Number(text)
  if (text.trim() === '' || !Number.isFinite(value) || (!signed && value < 0)) {
    const wanted = signed ? 'a number of seconds' : 'a number >= 0'
    throw new Error(`${flag} wants ${wanted}, got "${text}"`)
  }
  return value
}
