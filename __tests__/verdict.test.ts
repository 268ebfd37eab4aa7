import { describe, expect, test } from '@jest/globals'
import type { Diagnostic } from '../src/build-log.js'
import type { CompileResult } from '../src/compile.js'
import type { DetectedParameter } from '../src/parameters.js'
import { verdict } from '../src/verdict.js'

function result(fields: Partial<CompileResult> = {}): CompileResult {
  return {
    projectId: 4242,
    compileId: 'c0ffee-1234',
    state: 'BuildSuccess',
    signature: 'sig',
    parameters: [],
    logs: [],
    elapsedMs: 5_000,
    reads: 3,
    finished: true,
    ...fields
  }
}

/** Detected parameters adding up to `total`, one entry per five. */
function parameters(total: number): DetectedParameter[] {
  const list: DetectedParameter[] = []
  for (let left = total; left > 0; left -= 5) {
    const count = Math.min(5, left)
    list.push({
      cloudFile: 'main.py',
      line: list.length + 1,
      description: `${count} parameters`,
      count
    })
  }
  return list
}

function diagnostics(errors: number, warnings = 0): Diagnostic[] {
  const make = (severity: Diagnostic['severity']) => ({
    severity,
    message: severity,
    raw: severity
  })
  return [
    ...Array.from({ length: errors }, () => make('error')),
    ...Array.from({ length: warnings }, () => make('warning'))
  ]
}

const settings = { maxParameters: undefined, timeoutSeconds: 600 }

describe('verdict', () => {
  test.each([
    ['no budget', undefined, 50],
    ['under the budget', 10, 9],
    ['at the budget', 10, 10],
    ['a budget of 0 and none detected', 0, 0]
  ])('passes a successful build with %s', (_, maxParameters, total) => {
    expect(
      verdict(result({ parameters: parameters(total) }), diagnostics(0, 2), {
        ...settings,
        maxParameters
      })
    ).toBeUndefined()
  })

  test.each([
    [10, 11, 'possibly overfitting'],
    [0, 1, 'likely not overfit'],
    [20, 27, 'probably overfitting']
  ])(
    'fails a budget of %d with %d detected parameters',
    (maxParameters, total, reading) => {
      const message = verdict(result({ parameters: parameters(total) }), [], {
        ...settings,
        maxParameters
      })

      expect(message).toContain('c0ffee-1234')
      expect(message).toContain('4242')
      expect(message).toContain(`${total} detected parameters`)
      expect(message).toContain(`budget of ${maxParameters}`)
      expect(message).toContain('max-parameters')
      expect(message).toContain(reading)
    }
  )

  test('fails when the deadline came first, whatever the state', () => {
    const message = verdict(
      result({ state: 'BuildRunning', finished: false }),
      [],
      { ...settings, timeoutSeconds: 90 }
    )

    expect(message).toContain('c0ffee-1234')
    expect(message).toContain('4242')
    expect(message).toContain('BuildRunning')
    expect(message).toContain('timeout-seconds (90)')
  })

  test.each([
    [1, 0, '1 build error;'],
    [1, 5, '1 build error;'],
    [3, 0, '3 build errors']
  ])(
    'fails a build with %d errors and %d warnings, counting the errors',
    (errors, warnings, phrase) => {
      const message = verdict(
        result({ state: 'BuildError', logs: ['the whole log'] }),
        diagnostics(errors, warnings),
        settings
      )

      expect(message).toContain('c0ffee-1234')
      expect(message).toContain(phrase)
      expect(message).toContain('annotations')
      expect(message).not.toContain('the whole log')
    }
  )

  test.each([0, 2])(
    'a failed build with no errors found (%d warnings) carries its log',
    (warnings) => {
      const message = verdict(
        result({
          state: 'BuildError',
          logs: ['Build started', 'error: something odd']
        }),
        diagnostics(0, warnings),
        settings
      )

      expect(message).toContain('c0ffee-1234')
      expect(message).toContain('names no error on a file and line')
      expect(message).toContain('Build started\nerror: something odd')
    }
  )

  test('a failed build is reported even when it is within the budget', () => {
    expect(
      verdict(result({ state: 'BuildError' }), diagnostics(1), {
        ...settings,
        maxParameters: 100
      })
    ).toBeDefined()
  })

  test('a finished compile in an unknown state fails and names the state', () => {
    const message = verdict(result({ state: 'BuildWarning' }), [], settings)

    expect(message).toContain('unexpected state BuildWarning')
  })
})

describe('verdict messages that guide the next step', () => {
  const settings = { maxParameters: undefined, timeoutSeconds: 60 }

  test('a failed build without a log says so and what to do', () => {
    const message = verdict(
      result({ state: 'BuildError', logs: [] }),
      [],
      settings
    )

    expect(message).toContain('returned no build log')
    expect(message).toContain('QuantConnect IDE')
  })

  test('a long unplaced log is quoted from its end, 20 lines at most', () => {
    const logs = Array.from({ length: 50 }, (_, i) => `line ${i + 1}`)

    const message =
      verdict(result({ state: 'BuildError', logs }), [], settings) ?? ''

    expect(message).toContain('the last 20 of 50 lines')
    expect(message).toContain('line 50')
    expect(message).toContain('line 31')
    expect(message).not.toContain('line 30\n')
  })

  test('a deadline after failed reads names the failure, not a busy queue', () => {
    const message = verdict(
      result({
        finished: false,
        state: 'InQueue',
        lastFailure: 'compile/read answered HTTP 502 with an empty body'
      }),
      [],
      settings
    )

    expect(message).toContain(
      'The last reads failed: compile/read answered HTTP 502'
    )
    expect(message).toContain('timeout-seconds (60)')
    expect(message).not.toContain('Raise timeout-seconds')
  })
})

test('a final state from compile/create whose log could not be read fails, saying so', () => {
  const message = verdict(
    result({
      finished: false,
      state: 'BuildSuccess',
      lastFailure: 'compile/read answered HTTP 502'
    }),
    [],
    { maxParameters: undefined, timeoutSeconds: 30 }
  )

  expect(message).toContain(
    'reported BuildSuccess, but its build log could not be read'
  )
  expect(message).not.toContain('was still BuildSuccess')
})
