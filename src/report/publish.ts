import * as core from '@actions/core'
import { parseBuildLog } from '../build-log.js'
import { seconds, type CompileResult } from '../compile.js'
import { mergeDuplicates } from '../diagnostics.js'
import { toFindings } from '../findings.js'
import { overfittingReading, totalCount } from '../parameters.js'
import type { PushReport } from '../push-plan.js'
import type { Settings } from '../settings.js'
import { verdict } from '../verdict.js'
import { count } from '../text.js'
import { warningsSoFar } from '../warnings.js'
import { annotate } from './annotations.js'
import type { CheckRun } from './check-run.js'
import { writeJobSummary } from './job-summary.js'
import { setOutputs } from './outputs.js'
import { renderPushSection } from './push-summary.js'
import { renderSummary } from './summary.js'

export interface Publication {
  result: CompileResult
  settings: Settings
  pushed?: PushReport
  checkRun?: CheckRun
}

/**
 * Shows a compile's result everywhere it belongs: outputs, the check run or
 * workflow-command annotations, the job summary. Returns the message the
 * step fails with, or undefined when it passes.
 */
export async function publish(
  publication: Publication
): Promise<string | undefined> {
  const { result, settings, pushed, checkRun } = publication
  const diagnostics = mergeDuplicates(
    parseBuildLog(result.logs, {
      knownFiles: result.parameters.map((parameter) => parameter.cloudFile)
    })
  )
  const place = {
    projectPath: settings.projectPath,
    workspace: settings.workspace
  }
  const findings = toFindings(diagnostics, result.parameters, {
    ...place,
    parameterLevel: settings.parameterAnnotations
  })
  const buildFindings = toFindings(diagnostics, [], {
    ...place,
    parameterLevel: 'off'
  })
  const failure = verdict(result, diagnostics, settings)
  const total = totalCount(result.parameters)

  setOutputs(result, settings.projectPath)

  const carried = await checkRun?.complete({
    conclusion: failure ? 'failure' : 'success',
    title: checkTitle(result, failure, total),
    summary: failure ?? checkSummary(result, diagnostics.length, total),
    findings
  })
  if (carried) {
    core.info(
      `${findings.length} annotations are on the check run '${settings.checkName}'.`
    )
  } else {
    // The failure message is an error annotation of its own, and the
    // step's own warnings (a check run that fell back, say) are annotations.
    annotate(findings, {
      error: failure ? 1 : 0,
      warning: warningsSoFar()
    })
  }

  await writeJobSummary(
    renderSummary({
      result,
      buildFindings,
      projectPath: settings.projectPath,
      maxParameters: settings.maxParameters,
      sections: pushed ? [renderPushSection(pushed)] : []
    })
  )

  core.info(
    `${result.state} in ${seconds(result.elapsedMs)}: ` +
      `${count(diagnostics.length, 'build message')}, ` +
      `${count(total, 'detected parameter')}.`
  )
  return failure
}

function checkTitle(
  result: CompileResult,
  failure: string | undefined,
  total: number
): string {
  if (!failure) {
    return `Build succeeded: ${total} detected parameters`
  }
  return result.finished
    ? `${result.state}: compile failed the gate`
    : `Still ${result.state} at the deadline`
}

function checkSummary(
  result: CompileResult,
  messages: number,
  total: number
): string {
  return (
    `Compile \`${result.compileId}\` of project ${result.projectId}: ` +
    `**${result.state}** in ${seconds(result.elapsedMs)}, ${count(messages, 'build message')}, ` +
    `${count(total, 'detected parameter')} (${overfittingReading(total)}). ` +
    'The job summary has the full table and the build log.'
  )
}
