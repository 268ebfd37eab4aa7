import { existsSync } from 'node:fs'
import * as path from 'node:path'
import type { Diagnostic } from './build-log.js'
import type { DetectedParameter } from './parameters.js'
import { toRepositoryPath } from './paths.js'

export type Level = 'error' | 'warning' | 'notice'

/** One thing to show on the pull request, placed on a repository file when it can be. */
export interface Finding {
  level: Level
  /** The path QuantConnect reported, when it named one. */
  cloudFile?: string
  /** The repository path, set only when that file exists in the checkout. */
  path?: string
  line?: number
  column?: number
  title: string
  message: string
}

export const PARAMETER_TITLE = 'QuantConnect parameter detection'

export interface FindingOptions {
  projectPath: string
  workspace: string
  /** The level detected parameters are shown at, or `off`. */
  parameterLevel: Level | 'off'
  /** Whether a repository path exists in the checkout. */
  exists?: (repositoryPath: string) => boolean
}

/** Build-log diagnostics and detected parameters -> findings, errors first. */
export function toFindings(
  diagnostics: readonly Diagnostic[],
  parameters: readonly DetectedParameter[],
  options: FindingOptions
): Finding[] {
  const exists =
    options.exists ??
    ((repositoryPath) =>
      existsSync(path.join(options.workspace, repositoryPath)))
  const place = placer(options.projectPath, exists)

  const build = diagnostics.map((diagnostic) => ({
    level: diagnostic.severity,
    ...place(diagnostic.file, diagnostic.line, diagnostic.column),
    title: diagnostic.severity === 'error' ? 'Build error' : 'Build warning',
    message: diagnostic.message
  }))
  const detected =
    options.parameterLevel === 'off'
      ? []
      : parameters.map((parameter) => ({
          level: options.parameterLevel as Level,
          ...place(parameter.cloudFile, parameter.line),
          title: PARAMETER_TITLE,
          message: parameter.description
        }))

  const order: Level[] = ['error', 'warning', 'notice']
  return [...build, ...detected]
    .map(withOrigin)
    .sort((a, b) => order.indexOf(a.level) - order.indexOf(b.level))
}

function placer(projectPath: string, exists: (path: string) => boolean) {
  return (cloudFile?: string, line?: number, column?: number) => {
    if (!cloudFile) {
      return { line, column }
    }
    const repositoryPath = toRepositoryPath(cloudFile, projectPath)
    return repositoryPath && exists(repositoryPath)
      ? { cloudFile, path: repositoryPath, line, column }
      : { cloudFile, line, column }
  }
}

/** A finding that cannot be placed says where QuantConnect put it. */
function withOrigin<T extends Finding>(finding: T): T {
  if (finding.path || !finding.cloudFile) {
    return finding
  }
  const where = finding.line
    ? `${finding.cloudFile}:${finding.line}`
    : finding.cloudFile
  return {
    ...finding,
    message: `${finding.message}\n(QuantConnect reported this at ${where}, which is not in the checkout.)`
  }
}
