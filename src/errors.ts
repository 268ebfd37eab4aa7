/**
 * Errors the action raises on purpose. Each carries a message written for the
 * person reading the run: what went wrong, the value, and what to do next.
 * Only `run()` turns them into a failed step.
 */
export class ActionError extends Error {
  override name = 'ActionError'
}

/** An input that is missing or malformed; raised before any request. */
export class InputError extends ActionError {
  override name = 'InputError'
}

/** The run ran out of `timeout-seconds`. */
export class DeadlineError extends ActionError {
  override name = 'DeadlineError'

  constructor(
    message: string,
    /** Why the last try before the deadline failed, if one did. */
    readonly lastFailure?: string
  ) {
    super(message)
  }
}

/** The job was cancelled (SIGINT or SIGTERM). */
export class CancelledError extends ActionError {
  override name = 'CancelledError'
}

/** Turns anything thrown into one readable line: never `undefined` or `[object Object]`. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    return error.message || error.name
  }
  if (typeof error === 'string' && error.length > 0) {
    return error
  }
  let text: string | undefined
  try {
    text = JSON.stringify(error)
  } catch {
    text = undefined
  }
  return text && !['{}', 'null', '""'].includes(text)
    ? text
    : 'An unexpected error without a message: a bug in the action. ' +
        'Please report it with the run log.'
}
