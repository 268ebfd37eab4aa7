import * as core from '@actions/core'

/**
 * What the step is doing, for the message a cancelled job leaves behind.
 * The runner sends SIGINT, then SIGTERM, when a job is cancelled.
 */
class Cancellation {
  private compileId: string | undefined
  private installed = false

  note(progress: { compileId?: string }): void {
    this.compileId = progress.compileId ?? this.compileId
  }

  /** Installs the handlers once: log what was running, exit non-zero at once. */
  install(exit: (code: number) => void = (code) => process.exit(code)): void {
    if (this.installed) {
      return
    }
    this.installed = true
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        // The API has no cancel call: the compile goes on in the cloud.
        const running = this.compileId
          ? `compile ${this.compileId} was running and continues on QuantConnect`
          : 'no compile had been created yet'
        core.error(`Cancelled by ${signal}: ${running}.`)
        exit(1)
      })
    }
  }
}

export const onCancel = new Cancellation()
