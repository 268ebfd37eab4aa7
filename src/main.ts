import * as core from '@actions/core'
import * as path from 'node:path'
import { onCancel } from './cancellation.js'
import { compileProject } from './compile.js'
import { Deadline } from './deadline.js'
import { errorMessage } from './errors.js'
import { pushSources } from './push.js'
import { QuantConnectClient } from './quantconnect/client.js'
import { startCheckRun, type CheckRun } from './report/check-run.js'
import { failureSummary, writeJobSummary } from './report/job-summary.js'
import { publish } from './report/publish.js'
import { readSettings, type Settings } from './settings.js'
import { listSources } from './sources.js'

/** The whole step: settings -> (check run) -> (push) -> compile -> publish. */
export async function run(): Promise<void> {
  let client: QuantConnectClient | undefined
  let checkRun: CheckRun | undefined
  onCancel.install()
  try {
    const settings = await core.group('Reading inputs', async () =>
      readSettings()
    )
    logSettings(settings)

    const deadline = new Deadline(settings.timeoutSeconds * 1000)
    const api = (client = new QuantConnectClient({ ...settings, deadline }))

    if (settings.checkName) {
      checkRun = await startCheckRun({
        token: settings.githubToken,
        name: settings.checkName
      })
    }

    const pushed = settings.push
      ? await core.group('Pushing sources', async () => {
          const folder = path.resolve(settings.workspace, settings.projectPath)
          return pushSources(api, settings.projectId, await listSources(folder))
        })
      : undefined

    const result = await core.group(
      `Compiling project ${settings.projectId}`,
      () =>
        compileProject(api, settings.projectId, {
          deadline,
          onCreated: (compileId) => onCancel.note({ compileId })
        })
    )

    const failure = await core.group('Reporting', () =>
      publish({ result, settings, pushed, checkRun })
    )
    if (failure) {
      core.setFailed(failure)
    }
  } catch (error) {
    const message = errorMessage(error)
    core.setFailed(message)
    await checkRun?.complete({
      conclusion: 'failure',
      title: 'The compile did not complete',
      summary: message,
      findings: []
    })
    await writeJobSummary(failureSummary(message))
  } finally {
    client?.dispose()
  }
}

/** Every resolved input at debug level, the tokens left out. */
function logSettings(settings: Settings): void {
  const { apiToken: _token, githubToken: _github, ...shown } = settings
  for (const [name, value] of Object.entries(shown)) {
    core.debug(
      `${name}: ${value === undefined ? '(none)' : JSON.stringify(value)}`
    )
  }
}
