import type { Diagnostic } from './build-log.js'
import { BUILD_ERROR, BUILD_SUCCESS, type CompileResult } from './compile.js'
import { overfittingReading, totalCount } from './parameters.js'
import type { Settings } from './settings.js'

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
    return (
      `${what} was still ${result.state} when timeout-seconds ` +
      `(${settings.timeoutSeconds}) ran out. Raise timeout-seconds, or try ` +
      'again later if QuantConnect is busy. The compile may still finish in the cloud.'
    )
  }
  if (result.state === BUILD_ERROR) {
    const errors = diagnostics.filter((d) => d.severity === 'error').length
    return errors > 0
      ? `${what} failed with ${errors} build ${errors === 1 ? 'error' : 'errors'}; ` +
          'see the annotations and the job summary.'
      : `${what} failed. The build log names no file and line:\n` +
          result.logs.join('\n')
  }
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
