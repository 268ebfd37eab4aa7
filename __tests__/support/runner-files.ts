import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'

/** A workflow command as the runner reads it from stdout. */
export interface WorkflowCommand {
  command: string
  properties: Record<string, string>
  message: string
}

/** Undoes the escaping of workflow commands (`%25`, `%0D`, `%0A`, `%3A`, `%2C`). */
function unescape(value: string): string {
  return value
    .replace(/%0D/g, '\r')
    .replace(/%0A/g, '\n')
    .replace(/%3A/g, ':')
    .replace(/%2C/g, ',')
    .replace(/%25/g, '%')
}

/** Parses `::name key=value,key=value::message` lines out of stdout. */
export function workflowCommands(stdout: string): WorkflowCommand[] {
  return stdout.split(/\r?\n/).flatMap((line) => {
    const match = /^::([\w-]+)(?: ([^:]*))?::(.*)$/.exec(line)
    if (!match) {
      return []
    }
    const properties: Record<string, string> = {}
    for (const pair of (match[2] ?? '').split(',').filter(Boolean)) {
      const at = pair.indexOf('=')
      properties[pair.slice(0, at)] = unescape(pair.slice(at + 1))
    }
    return [
      { command: match[1] ?? '', properties, message: unescape(match[3] ?? '') }
    ]
  })
}

/** Reads the `name<<delimiter` blocks @actions/core writes to GITHUB_OUTPUT. */
export function readOutputs(file: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = readFileSync(file, 'utf8').split('\n')
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[i] ?? '')
    if (!match) {
      continue
    }
    const value: string[] = []
    while (++i < lines.length && lines[i] !== match[2]) {
      value.push(lines[i] ?? '')
    }
    outputs[match[1] ?? ''] = value.join('\n')
  }
  return outputs
}

/** Fresh, empty GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files in a temporary folder. */
export function runnerFiles(): {
  dir: string
  output: string
  summary: string
} {
  const dir = mkdtempSync(path.join(tmpdir(), 'qc-action-'))
  const output = path.join(dir, 'output.txt')
  const summary = path.join(dir, 'summary.md')
  writeFileSync(output, '')
  writeFileSync(summary, '')
  return { dir, output, summary }
}
