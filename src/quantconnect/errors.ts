import { ActionError } from '../errors.js'

/** The API answered, and refused the call: final, never retried. */
export class ApiError extends ActionError {
  override name = 'ApiError'

  constructor(
    message: string,
    readonly endpoint: string,
    readonly status?: number
  ) {
    super(message)
  }
}

/** The credentials or the runner's clock were refused: final. */
export class AuthenticationError extends ApiError {
  override name = 'AuthenticationError'
}

/**
 * A failure worth another try: a 5xx, a 429, a non-JSON body from a proxy,
 * a reset connection or a request timeout.
 */
export class TransientError extends ActionError {
  override name = 'TransientError'

  constructor(
    message: string,
    readonly endpoint: string,
    /** How long the server asked us to wait (Retry-After), in ms. */
    readonly retryAfterMs?: number
  ) {
    super(message)
  }
}
