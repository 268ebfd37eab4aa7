import { afterEach, describe, expect, jest, test } from '@jest/globals'
import { onCancel } from '../src/cancellation.js'

afterEach(() => {
  jest.restoreAllMocks()
  process.removeAllListeners('SIGINT')
  process.removeAllListeners('SIGTERM')
})

describe('cancellation', () => {
  test.each(['SIGINT', 'SIGTERM'] as const)(
    '%s logs the running compile and exits non-zero',
    (signal) => {
      const out: string[] = []
      jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
        out.push(String(chunk))
        return true
      })
      const exits: number[] = []
      onCancel.install((code) => exits.push(code))
      onCancel.note({ compileId: 'c-42' })

      process.emit(signal)

      expect(exits).toEqual([1])
      expect(out.join('')).toContain(
        `::error::Cancelled by ${signal}: compile c-42 was running and continues on QuantConnect`
      )
    }
  )
})
