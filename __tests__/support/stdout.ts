import { jest } from '@jest/globals'

/**
 * Keeps what is written to stdout (where @actions/core prints workflow
 * commands) in `into`, printing nothing. Undone by jest.restoreAllMocks().
 */
export function captureStdout(into: string[]): void {
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    into.push(String(chunk))
    return true
  })
}
