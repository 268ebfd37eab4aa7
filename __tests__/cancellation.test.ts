import {
  afterEach,
  beforeAll,
  describe,
  expect,
  jest,
  test
} from '@jest/globals'
import { onCancel } from '../src/cancellation.js'
import { captureStdout } from './support/stdout.js'

const exits: number[] = []

beforeAll(() => {
  onCancel.install((code) => exits.push(code))
  // Installing again changes nothing: one handler per signal.
  onCancel.install(() => exits.push(99))
})

afterEach(() => {
  jest.restoreAllMocks()
  exits.length = 0
})

describe('cancellation', () => {
  test.each(['SIGINT', 'SIGTERM'] as const)(
    '%s logs the running compile and exits non-zero',
    (signal) => {
      const out: string[] = []
      captureStdout(out)
      onCancel.note({ compileId: 'c-42' })

      process.emit(signal)

      expect(exits).toEqual([1])
      expect(out.join('')).toContain(
        `::error::Cancelled by ${signal}: compile c-42 was running and continues on QuantConnect`
      )
    }
  )
})
