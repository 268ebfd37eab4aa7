import { describe, expect, test } from '@jest/globals'
import {
  flattenParameters,
  leadingCount,
  overfittingReading,
  parametersByFile,
  totalCount,
  type DetectedParameter
} from '../src/parameters.js'

/** A detected parameter as `flattenParameters` gives it. */
function detected(
  cloudFile: string,
  line: number | undefined,
  count: number
): DetectedParameter {
  return {
    cloudFile,
    line,
    description: `${count} LEAN API parameters detected`,
    count
  }
}

describe('leadingCount', () => {
  test.each([
    ['3 LEAN API parameters detected near "SetStartDate"', 3],
    ['1 LEAN API parameter detected', 1],
    ['  12 numbers detected', 12],
    ['0 parameters', 0],
    ['Hard-coded number detected', 1],
    ['', 1],
    ['10x leverage', 1],
    ['parameters: 5', 1],
    ['7', 7],
    ['99999999999999999999 parameters', 1]
  ])('%j -> %d', (description, expected) => {
    expect(leadingCount(description)).toBe(expected)
  })
})

describe('flattenParameters', () => {
  test('keeps the API order, trims descriptions and reads the counts', () => {
    const flat = flattenParameters([
      {
        file: 'main.py',
        parameters: [
          { line: 12, type: '3 LEAN API parameters detected ' },
          { line: undefined, type: 'Hard-coded number' }
        ]
      },
      { file: 'utils/signals.py', parameters: [] },
      { file: 'alpha.py', parameters: [{ line: 4, type: ' 2 numbers' }] }
    ])

    expect(flat).toEqual([
      {
        cloudFile: 'main.py',
        line: 12,
        description: '3 LEAN API parameters detected',
        count: 3
      },
      {
        cloudFile: 'main.py',
        line: undefined,
        description: 'Hard-coded number',
        count: 1
      },
      { cloudFile: 'alpha.py', line: 4, description: '2 numbers', count: 2 }
    ])
  })

  test('gives nothing for no files', () => {
    expect(flattenParameters([])).toEqual([])
  })
})

describe('totalCount', () => {
  test.each([
    [[], 0],
    [[detected('a.py', 1, 3)], 3],
    [
      [detected('a.py', 1, 3), detected('b.py', 2, 1), detected('a.py', 9, 4)],
      8
    ]
  ])('%# sums the counts to %d', (parameters, expected) => {
    expect(totalCount(parameters)).toBe(expected)
  })
})

describe('parametersByFile', () => {
  test('groups by file, the file with the most first, its lines in order', () => {
    const grouped = parametersByFile([
      detected('small.py', 1, 1),
      detected('big.py', 10, 2),
      detected('big.py', 20, 5),
      detected('small.py', 2, 1),
      detected('middle.py', 3, 3)
    ])

    expect(grouped.map((file) => [file.cloudFile, file.total])).toEqual([
      ['big.py', 7],
      ['middle.py', 3],
      ['small.py', 2]
    ])
    expect(grouped[0]?.parameters.map((parameter) => parameter.line)).toEqual([
      10, 20
    ])
  })

  test('breaks ties between files by name and orders each file by line', () => {
    const grouped = parametersByFile([
      detected('b.py', 1, 2),
      detected('a.py', 7, 1),
      detected('a.py', 3, 1)
    ])

    expect(grouped.map((file) => file.cloudFile)).toEqual(['a.py', 'b.py'])
    expect(grouped[0]?.parameters.map((parameter) => parameter.line)).toEqual([
      3, 7
    ])
  })

  test('does not reorder its input', () => {
    const input = [detected('a.py', 1, 1), detected('a.py', 2, 5)]

    parametersByFile(input)

    expect(input.map((parameter) => parameter.line)).toEqual([1, 2])
  })
})

describe('overfittingReading', () => {
  test.each([
    [0, /likely not/],
    [10, /likely not/],
    [11, /possibly/],
    [20, /possibly/],
    [21, /probably/],
    [500, /probably/]
  ])('%d -> %p', (total, expected) => {
    expect(overfittingReading(total)).toMatch(expected)
  })
})
