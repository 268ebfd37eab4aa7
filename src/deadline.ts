/** The time left for all API work of the step (`timeout-seconds`). */
export class Deadline {
  private readonly endsAt: number

  constructor(
    readonly totalMs: number,
    private readonly now: () => number = Date.now
  ) {
    this.endsAt = now() + totalMs
  }

  remainingMs(): number {
    return Math.max(0, this.endsAt - this.now())
  }

  get expired(): boolean {
    return this.remainingMs() <= 0
  }
}
