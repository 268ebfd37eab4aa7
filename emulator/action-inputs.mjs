/**
 * A step's inputs as a GitHub runner hands them to a JavaScript action:
 * one `INPUT_<NAME>` variable per input action.yml declares, its default
 * filled in (expressions evaluated) unless the workflow gives a value.
 */

import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const ACTION_YML = fileURLToPath(new URL('../action.yml', import.meta.url))

/**
 * The environment variables for `inputs` over action.yml's defaults: names
 * upper-cased, hyphens kept, spaces as `_` (`INPUT_PROJECT-ID`).
 *
 * @param {Record<string, string>} inputs
 * @param {Record<string, string>} expressions values for `${{ ... }}`
 *   in defaults, e.g. `{ 'github.token': 'ghs_...' }`
 */
export function inputVariables(inputs, expressions) {
  const values = { ...actionDefaults(expressions), ...inputs }
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => [
      `INPUT_${name.replace(/ /g, '_').toUpperCase()}`,
      value
    ])
  )
}

/**
 * The defaults of action.yml's inputs. Reads only the shape action.yml
 * uses, `  name:` with `    default: value` below it, one line each.
 *
 * @param {Record<string, string>} expressions
 * @returns {Record<string, string>}
 */
export function actionDefaults(expressions) {
  const text = readFileSync(ACTION_YML, 'utf8')
  const block = /^inputs:\n((?:[ \t].*\n|\n)*)/m.exec(text)?.[1] ?? ''
  /** @type {Record<string, string>} */
  const defaults = {}
  let input = ''
  for (const line of block.split('\n')) {
    const name = /^ {2}([\w-]+):\s*$/.exec(line)
    if (name) input = name[1]
    const value = /^ {4}default:\s*(.*)$/.exec(line)
    if (value && input) {
      defaults[input] = evaluate(yamlScalar(value[1]), expressions)
    }
  }
  return defaults
}

/** @param {string} text a one-line YAML scalar, quoted or plain */
function yamlScalar(text) {
  const value = text.trim()
  if (value.startsWith("'")) return value.slice(1, -1).replace(/''/g, "'")
  if (value.startsWith('"')) return JSON.parse(value)
  return value
}

/**
 * @param {string} value
 * @param {Record<string, string>} expressions
 */
function evaluate(value, expressions) {
  return value.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_, expression) => {
    if (Object.hasOwn(expressions, expression)) return expressions[expression]
    throw new Error(
      `action.yml uses \${{ ${expression} }}, which the runner stand-in ` +
        'cannot evaluate; add it to the expressions given.'
    )
  })
}
