import * as core from '@actions/core'
import { errorMessage } from '../errors.js'
import { escapeHtml } from './html.js'
import { warn } from '../warnings.js'

/**
 * Appends HTML to the job summary. A runner without a summary file (a local
 * run) or a write that fails costs a warning, never the step's verdict.
 */
export async function writeJobSummary(html: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) {
    core.debug('GITHUB_STEP_SUMMARY is not set: no job summary written.')
    return
  }
  try {
    await core.summary.addRaw(html).write()
  } catch (error) {
    core.summary.emptyBuffer()
    warn(`The job summary could not be written: ${errorMessage(error)}`)
  }
}

/** The summary of a run that ended before a compile result existed. */
export function failureSummary(message: string): string {
  return (
    '<h2>QuantConnect compile: ❌ not completed</h2>\n' +
    `<pre>${escapeHtml(message)}</pre>\n`
  )
}
