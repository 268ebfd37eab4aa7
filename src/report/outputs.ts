import * as core from '@actions/core'
import type { CompileResult } from '../compile.js'
import { totalCount } from '../parameters.js'
import { toRepositoryPath } from '../paths.js'

/** Sets every output of the step from the compile's result. */
export function setOutputs(result: CompileResult, projectPath: string): void {
  core.setOutput('compile-id', result.compileId)
  core.setOutput('state', result.state)
  core.setOutput('signature', result.signature)
  core.setOutput('parameter-count', totalCount(result.parameters))
  core.setOutput(
    'parameters',
    JSON.stringify(
      result.parameters.map((parameter) => ({
        path: toRepositoryPath(parameter.cloudFile, projectPath) ?? null,
        line: parameter.line ?? null,
        description: parameter.description,
        count: parameter.count
      }))
    )
  )
}
