import * as core from '@actions/core'

let emitted = 0

/**
 * `core.warning`, counted: each warning is an annotation, and the findings'
 * annotations keep room for them under GitHub's cap of 10 per level.
 */
export function warn(message: string): void {
  emitted += 1
  core.warning(message)
}

/** How many warnings the step has emitted so far. */
export function warningsSoFar(): number {
  return emitted
}
