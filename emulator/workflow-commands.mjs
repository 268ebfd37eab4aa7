/**
 * What a GitHub runner reads back from an action step: workflow commands
 * on stdout (`::notice file=main.py,line=17::message`) and the
 * `name<<delimiter` blocks in the GITHUB_OUTPUT file.
 */

/**
 * @typedef {{
 *   command: string,
 *   properties: Record<string, string>,
 *   message: string
 * }} WorkflowCommand
 */

/**
 * Undoes the escaping @actions/core applies. Messages escape `%`, CR and
 * LF; property values also escape `:` and `,`. `%25` goes last so that an
 * escaped `%0A` stays literal text.
 *
 * @param {string} text
 * @param {boolean} isProperty
 */
function unescape(text, isProperty) {
  let result = text.replace(/%0D/g, '\r').replace(/%0A/g, '\n')
  if (isProperty) {
    result = result.replace(/%3A/g, ':').replace(/%2C/g, ',')
  }
  return result.replace(/%25/g, '%')
}

/**
 * Every `::command key=value,...::message` line of a step's stdout.
 *
 * @param {string} stdout
 * @returns {WorkflowCommand[]}
 */
export function workflowCommands(stdout) {
  return stdout.split(/\r?\n/).flatMap((line) => {
    const command = readCommand(line)
    return command ? [command] : []
  })
}

/**
 * One stdout line as a workflow command, or undefined for plain output.
 *
 * @param {string} line
 * @returns {WorkflowCommand | undefined}
 */
export function readCommand(line) {
  const match = /^::([\w-]+)(?: ([^:]*))?::(.*)$/.exec(line)
  if (!match) return undefined
  /** @type {Record<string, string>} */
  const properties = {}
  for (const pair of (match[2] ?? '').split(',').filter(Boolean)) {
    const at = pair.indexOf('=')
    properties[pair.slice(0, at)] = unescape(pair.slice(at + 1), true)
  }
  return { command: match[1], properties, message: unescape(match[3], false) }
}

/**
 * The outputs a step set, from its GITHUB_OUTPUT file: `name<<delimiter`,
 * the value's lines, then the delimiter alone on a line.
 *
 * @param {string} text
 * @returns {Record<string, string>}
 */
export function stepOutputs(text) {
  /** @type {Record<string, string>} */
  const outputs = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i])
    if (!match) continue
    const value = []
    while (++i < lines.length && lines[i] !== match[2]) value.push(lines[i])
    outputs[match[1]] = value.join('\n')
  }
  return outputs
}
