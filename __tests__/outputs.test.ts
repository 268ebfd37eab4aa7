import { afterEach, describe, expect, test } from '@jest/globals'
import { rmSync } from 'node:fs'
import type { CompileResult } from '../src/compile.js'
import { setOutputs } from '../src/report/outputs.js'
import { readOutputs, runnerFiles } from './support/runner-files.js'

const files = runnerFiles()
const saved = process.env.GITHUB_OUTPUT

afterEach(() => {
  process.env.GITHUB_OUTPUT = saved
  rmSync(files.dir, { recursive: true, force: true })
})

describe('setOutputs', () => {
  test('writes every output, with repository paths for the parameters', () => {
    process.env.GITHUB_OUTPUT = files.output
    const result: CompileResult = {
      projectId: 7,
      compileId: 'c-1',
      state: 'BuildSuccess',
      signature: 'sig',
      parameters: [
        { cloudFile: 'utils/a.py', line: 4, description: '2 x', count: 2 },
        {
          cloudFile: '../outside.py',
          line: undefined,
          description: 'y',
          count: 1
        }
      ],
      logs: [],
      elapsedMs: 1,
      reads: 1,
      finished: true
    }

    setOutputs(result, 'algos/alpha')

    const outputs = readOutputs(files.output)
    expect(outputs).toMatchObject({
      'compile-id': 'c-1',
      state: 'BuildSuccess',
      signature: 'sig',
      'parameter-count': '3'
    })
    expect(JSON.parse(outputs.parameters ?? '')).toEqual([
      { path: 'algos/alpha/utils/a.py', line: 4, description: '2 x', count: 2 },
      { path: null, line: null, description: 'y', count: 1 }
    ])
  })
})
