import { describe, test, expect } from '@jest/globals'
import {
  readCommand,
  stepOutputs,
  workflowCommands
} from '../../emulator/workflow-commands.mjs'

describe('readCommand', () => {
  test.each([
    ['plain output', 'Compile 1-2 created: InQueue', undefined],
    ['a group', '::group::Reading inputs', ['group', {}, 'Reading inputs']],
    ['an end of group', '::endgroup::', ['endgroup', {}, '']],
    [
      'an annotation with properties',
      '::notice title=T,file=main.py,line=17::1 parameter',
      ['notice', { title: 'T', file: 'main.py', line: '17' }, '1 parameter']
    ],
    [
      'escaped message text',
      '::error::50%25 done%0Anext line%0D',
      ['error', {}, '50% done\nnext line\r']
    ],
    [
      'escaped property values',
      '::warning title=a%3A b%2C c%25::x',
      ['warning', { title: 'a: b, c%' }, 'x']
    ],
    [
      'a message that holds an escape sequence literally',
      '::error::%250A stays',
      ['error', {}, '%0A stays']
    ],
    [
      'colons and commas in a message, which are not escaped',
      '::error::a: b, c',
      ['error', {}, 'a: b, c']
    ]
  ])('reads %s', (_, line, expected) => {
    const command = readCommand(line)
    if (expected === undefined) {
      expect(command).toBeUndefined()
      return
    }
    const [name, properties, message] = expected
    expect(command).toEqual({ command: name, properties, message })
  })

  test('workflowCommands keeps only the command lines, in order', () => {
    const stdout = '::group::A\nplain\r\n::debug::d\n\n::endgroup::\n'
    expect(workflowCommands(stdout).map((c) => c.command)).toEqual([
      'group',
      'debug',
      'endgroup'
    ])
  })
})

describe('stepOutputs', () => {
  test('reads name<<delimiter blocks, multi-line values included', () => {
    const text = [
      'state<<ghadelimiter_1',
      'BuildSuccess',
      'ghadelimiter_1',
      'log<<ghadelimiter_2',
      'first',
      '',
      'third',
      'ghadelimiter_2',
      'empty<<ghadelimiter_3',
      'ghadelimiter_3',
      ''
    ].join('\n')
    expect(stepOutputs(text)).toEqual({
      state: 'BuildSuccess',
      log: 'first\n\nthird',
      empty: ''
    })
  })

  test('an empty file sets nothing', () => {
    expect(stepOutputs('')).toEqual({})
  })
})
