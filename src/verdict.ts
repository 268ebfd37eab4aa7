import type { Diagnostic } from './build-log.js'
import {
  BUILD_ERROR,
  BUILD_SUCCESS,
  isTerminal,
  type CompileResult
} from './compile.js'
import { overfittingReading, totalCount } from './parameters.js'
import type { Settings } from './settings.js'
import { count } from './text.js'

/**
 * The step's verdict: undefined to pass, or the message it fails with.
 * Only the build, the deadline and the parameter budget decide it.
 */
export function verdict(
  result: CompileResult,
  diagnostics: readonly Diagnostic[],
  settings: Pick<Settings, 'maxParameters' | 'timeoutSeconds'>
): string | undefined {
  const what = `Compile ${result.compileId} of project ${result.projectId}`

  if (!result.finished) {
    const cause = result.lastFailure
      ? `The last reads failed: ${result.lastFailure}. Re-run the job; if ` +
        "it persists, check QuantConnect's status."
      : 'Raise timeout-seconds, or re-run later if QuantConnect is busy.'
    // A create answer can already be final; its log still needs a read.
    const seen = isTerminal(result.state)
      ? `reported ${result.state}, but its build log could not be read,`
      : `was still ${result.state}`
    return (
      `${what} ${seen} when timeout-seconds ` +
      `(${settings.timeoutSeconds}) ran out. ${cause} The compile may still ` +
      'finish in the cloud.'
    )
  }
  if (result.state === BUILD_ERROR) {
    return buildErrorMessage(what, result.logs, diagnostics)
  }
  // Only BuildSuccess passes, whatever the compile flow let through.
  if (result.state !== BUILD_SUCCESS) {
    return `${what} ended in the unexpected state ${result.state}.`
  }

  const total = totalCount(result.parameters)
  if (settings.maxParameters !== undefined && total > settings.maxParameters) {
    return (
      `${what} has ${total} detected parameters, over the budget of ` +
      `${settings.maxParameters} (max-parameters). QuantConnect reads ` +
      `${total} as ${overfittingReading(total)}. The job summary lists them ` +
      'by file, most first: replace hard-coded numbers with project ' +
      'parameters or fewer rules.'
    )
  }
  return undefined
}

/** How many log lines a failure message quotes; the summary has them all. */
const QUOTED_LOG_LINES = 20

function buildErrorMessage(
  what: string,
  logs: readonly string[],
  diagnostics: readonly Diagnostic[]
): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length
  if (errors > 0) {
    return (
      `${what} failed with ${count(errors, 'build error')}; see the ` +
      'annotations and the job summary.'
    )
  }
  if (logs.length === 0) {
    return (
      `${what} failed, and QuantConnect returned no build log. Compile the ` +
      'project in the QuantConnect IDE to see why, then re-run the job.'
    )
  }
  // Compilers print the error last: quote the end of the log.
  const quoted = logs.slice(-QUOTED_LOG_LINES)
  const cut =
    logs.length > quoted.length
      ? `(the last ${quoted.length} of ${logs.length} lines; the job summary has them all)\n`
      : ''
  return (
    `${what} failed, and its build log names no error on a file and line:\n` +
    cut +
    quoted.join('\n')
  )
}
