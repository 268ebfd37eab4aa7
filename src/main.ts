import * as core from '@actions/core'
import { parseBuildLog } from './build-log.js'
import { compileProject, seconds, type CompileResult } from './compile.js'
import { Deadline } from './deadline.js'
import { errorMessage } from './errors.js'
import { toFindings } from './findings.js'
import { totalCount } from './parameters.js'
import { QuantConnectClient } from './quantconnect/client.js'
import { annotate } from './report/annotations.js'
import { setOutputs } from './report/outputs.js'
import { failureSummary, writeJobSummary } from './report/job-summary.js'
import { renderSummary } from './report/summary.js'
import { readSettings, type Settings } from './settings.js'
import { verdict } from './verdict.js'
import { onCancel } from './cancellation.js'

/** The whole step: settings -> compile -> report -> verdict. */
export async function run(): Promise<void> {
  let client: QuantConnectClient | undefined
  try {
    const settings = await core.group('Reading inputs', async () =>
      readSettings()
    )
    logSettings(settings)

    const deadline = new Deadline(settings.timeoutSeconds * 1000)
    client = new QuantConnectClient({ ...settings, deadline })
    const api = client

    const result = await core.group(
      `Compiling project ${settings.projectId}`,
      () =>
        compileProject(api, settings.projectId, {
          deadline,
          onCreated: (compileId) => onCancel.note({ compileId })
        })
    )

    const failure = await core.group('Reporting', () =>
      report(result, settings)
    )
    if (failure) {
      core.setFailed(failure)
    }
  } catch (error) {
    const message = errorMessage(error)
    core.setFailed(message)
    await writeJobSummary(failureSummary(message))
  } finally {
    client?.dispose()
  }
}

/** Outputs, annotations and summary; returns the failure message, if any. */
async function report(
  result: CompileResult,
  settings: Settings
): Promise<string | undefined> {
  const diagnostics = parseBuildLog(result.logs, {
    knownFiles: result.parameters.map((parameter) => parameter.cloudFile)
  })
  const findings = toFindings(diagnostics, result.parameters, {
    projectPath: settings.projectPath,
    workspace: settings.workspace,
    parameterLevel: settings.parameterAnnotations
  })
  const buildFindings = toFindings(diagnostics, [], {
    projectPath: settings.projectPath,
    workspace: settings.workspace,
    parameterLevel: 'off'
  })

  setOutputs(result, settings.projectPath)
  annotate(findings)
  await writeJobSummary(
    renderSummary({
      result,
      buildFindings,
      projectPath: settings.projectPath,
      maxParameters: settings.maxParameters
    })
  )

  core.info(
    `${result.state} in ${seconds(result.elapsedMs)}: ` +
      `${diagnostics.length} build messages, ` +
      `${totalCount(result.parameters)} detected parameters.`
  )
  return verdict(result, diagnostics, settings)
}

function logSettings(settings: Settings): void {
  const { apiToken: _token, githubToken: _github, ...shown } = settings
  for (const [name, value] of Object.entries(shown)) {
    core.debug(`${name}: ${JSON.stringify(value)}`)
  }
}
