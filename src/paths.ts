import * as path from 'node:path'
import { InputError } from './errors.js'

/**
 * `project-path` -> the project's folder relative to the workspace, with
 * forward slashes (`''` for the workspace itself). Accepts `./x/`, `x\y` and
 * absolute paths inside the workspace; refuses anything outside it.
 */
export function resolveProjectPath(input: string, workspace: string): string {
  // A Windows runner's workspace (D:\a\repo) needs drive letters and
  // case-insensitive comparison, which posix rules do not give.
  const rules = /^[a-z]:[\\/]/i.test(workspace) ? path.win32 : path.posix
  const normalised = input.trim().replace(/\\/g, '/')
  const absolute = rules.resolve(toPosix(workspace), normalised)
  const relative = toPosix(rules.relative(toPosix(workspace), absolute))
  if (
    relative === '..' ||
    relative.startsWith('../') ||
    rules.isAbsolute(relative)
  ) {
    throw new InputError(
      `Input 'project-path' is ${JSON.stringify(input)}, which is outside ` +
        `the workspace ${JSON.stringify(workspace)}; give a folder inside ` +
        'the repository, such as "algos/alpha".'
    )
  }
  return relative
}

/**
 * A cloud path (`utils/signals.py`) -> its repository path under the project
 * folder; undefined when it names no file inside the project.
 */
export function toRepositoryPath(
  cloudPath: string,
  projectPath: string
): string | undefined {
  const clean = path.posix.normalize(
    cloudPath.replace(/\\/g, '/').replace(/^\.?\/+/, '')
  )
  // An empty path or one that climbs out of the project names no file of it.
  if (clean === '.' || clean === '..' || clean.startsWith('../')) {
    return undefined
  }
  return projectPath ? path.posix.join(projectPath, clean) : clean
}

function toPosix(value: string): string {
  return value.replace(/\\/g, '/')
}
