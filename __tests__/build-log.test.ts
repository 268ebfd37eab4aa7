import { describe, test, expect } from '@jest/globals'
import { parseBuildLog } from '../src/build-log.js'
import type { Diagnostic, ParseOptions } from '../src/build-log.js'

/** The diagnostic one log line gives, with `raw` set to that line. */
function from(raw: string, fields: Omit<Diagnostic, 'raw'>): Diagnostic {
  return { ...fields, raw }
}

describe('parseBuildLog: QuantConnect build lines', () => {
  test.each([
    [
      'Build Error File: main.py Line:12 Column:9 - invalid syntax',
      { file: 'main.py', line: 12, column: 9, message: 'invalid syntax' }
    ],
    [
      'Build Error: File: main.py Line:12 Column:5 - invalid syntax',
      { file: 'main.py', line: 12, column: 5, message: 'invalid syntax' }
    ],
    [
      'Build Error File: test1.cs Line:1 Column:25 - } expected',
      { file: 'test1.cs', line: 1, column: 25, message: '} expected' }
    ],
    [
      'Build Error File main.py Line:12 Column:5 - invalid syntax',
      { file: 'main.py', line: 12, column: 5, message: 'invalid syntax' }
    ],
    [
      'Build Error File: main.py Line 12 Column 5 - invalid syntax',
      { file: 'main.py', line: 12, column: 5, message: 'invalid syntax' }
    ],
    [
      'Build Error File: main.py Line: 12 Column : 5 - invalid syntax',
      { file: 'main.py', line: 12, column: 5, message: 'invalid syntax' }
    ],
    [
      'Build Error File: main.py Line:12, Column:5 - invalid syntax',
      { file: 'main.py', line: 12, column: 5, message: 'invalid syntax' }
    ],
    [
      'Build Error File: main.py Line:12 - invalid syntax',
      { file: 'main.py', line: 12, message: 'invalid syntax' }
    ],
    [
      'Build Error File: main.py Line:12 invalid syntax',
      { file: 'main.py', line: 12, message: 'invalid syntax' }
    ],
    [
      'build error file: main.py line:3 column:1 - x',
      { file: 'main.py', line: 3, column: 1, message: 'x' }
    ],
    [
      'BUILD ERROR:FILE:main.py LINE:3 COLUMN:1-x',
      { file: 'main.py', line: 3, column: 1, message: 'x' }
    ],
    [
      '   Build    Error   File:   main.py   Line:3   Column:1   -   x   ',
      { file: 'main.py', line: 3, column: 1, message: 'x' }
    ],
    [
      'Build Error File: main.py Line:3 Column:1 - ',
      {
        file: 'main.py',
        line: 3,
        column: 1,
        message: 'Build Error File: main.py Line:3 Column:1 -'
      }
    ],
    [
      'Build Error: Compilation failed for an unknown reason',
      { message: 'Compilation failed for an unknown reason' }
    ],
    ['Build Error', { message: 'Build Error' }],
    [
      'Build Error File: main.py Line:2 Column:3 - ends with CRLF\r',
      { file: 'main.py', line: 2, column: 3, message: 'ends with CRLF' }
    ]
  ])('%s', (raw, fields) => {
    expect(parseBuildLog([raw])).toStrictEqual([
      from(raw, { severity: 'error', ...fields })
    ])
  })

  test.each([
    'Build Warning File: main.py Line:4 Column:2 - unused variable',
    'Build Warning: File: main.py Line:4 Column:2 - unused variable',
    'build warning file: main.py line 4 column 2 - unused variable'
  ])('warning: %s', (raw) => {
    expect(parseBuildLog([raw])).toStrictEqual([
      from(raw, {
        file: 'main.py',
        line: 4,
        column: 2,
        severity: 'warning',
        message: 'unused variable'
      })
    ])
  })

  test.each([
    ['my algo/señal #2.py', 'my algo/señal #2.py'],
    ['a, b.py', 'a, b.py'],
    ['odd:name.py', 'odd:name.py'],
    ['算法/主.py', '算法/主.py'],
    ['Стратегия.cs', 'Стратегия.cs'],
    ['tools/Line.py', 'tools/Line.py'],
    ['online line art.py', 'online line art.py'],
    ['./utils/signals.py', 'utils/signals.py'],
    ['/LeanCLI/utils/signals.py', 'utils/signals.py'],
    ['utils\\signals.py', 'utils/signals.py']
  ])('file name %s', (printed, file) => {
    const raw = `Build Error File: ${printed} Line:3 Column:1 - x`
    expect(parseBuildLog([raw])).toStrictEqual([
      from(raw, { file, line: 3, column: 1, severity: 'error', message: 'x' })
    ])
  })

  test.each([
    '100% of 50%s: bad',
    'expected one of: a, b, c',
    "name 'x' is not defined :: see docs",
    'a - b - c',
    '::error file=x::not a command',
    "unexpected token on line 5 (it's fine)"
  ])('message kept verbatim: %s', (message) => {
    const raw = `Build Error File: main.py Line:1 Column:1 - ${message}`
    expect(parseBuildLog([raw])[0]?.message).toBe(message)
  })

  test('indented lines continue the message', () => {
    const lines = [
      "Build Error File: main.py Line:3 Column:1 - The name 'x'",
      '    does not exist in the current context',
      '\tsee main.py',
      'Build Request Successful for Project ID: 1'
    ]
    expect(parseBuildLog(lines)).toEqual([
      {
        file: 'main.py',
        line: 3,
        column: 1,
        severity: 'error',
        message:
          "The name 'x'\ndoes not exist in the current context\nsee main.py",
        raw: lines.slice(0, 3).join('\n')
      }
    ])
  })

  test('an indented line that starts a finding of its own is not continuation', () => {
    const lines = [
      'Build Error File: main.py Line:3 Column:1 - first',
      '  Build Error File: main.py Line:4 Column:1 - second',
      '  Main.cs(5,1): error CS1002: ; expected',
      '  File "main.py", line 6'
    ]
    expect(parseBuildLog(lines).map((d) => [d.line, d.message])).toEqual([
      [3, 'first'],
      [4, 'second'],
      [5, 'CS1002: ; expected'],
      [6, 'File "main.py", line 6']
    ])
  })

  test('a message that only starts on the next line', () => {
    const lines = ['Build Error File: main.py Line:3 Column:1 -', '    bad']
    expect(parseBuildLog(lines)[0]?.message).toBe('bad')
  })
})

describe('parseBuildLog: MSBuild lines', () => {
  test.each([
    [
      'Main.cs(12,5): error CS1002: ; expected [/path/Project.csproj]',
      { file: 'Main.cs', line: 12, column: 5, message: 'CS1002: ; expected' }
    ],
    [
      'Main.cs(12): error CS1002: ; expected',
      { file: 'Main.cs', line: 12, message: 'CS1002: ; expected' }
    ],
    [
      'Main.cs(12,5,12,9): error CS1002: ; expected',
      { file: 'Main.cs', line: 12, column: 5, message: 'CS1002: ; expected' }
    ],
    [
      '  1>Main.cs(12, 5) : ERROR CS1002: ; expected',
      { file: 'Main.cs', line: 12, column: 5, message: 'CS1002: ; expected' }
    ],
    [
      'Utils/Signals.cs(3,1): error CS0103: x [C:\\work\\My Project.csproj]',
      { file: 'Utils/Signals.cs', line: 3, column: 1, message: 'CS0103: x' }
    ],
    [
      'Utils\\Signals.cs(3,1): error CS0103: x',
      { file: 'Utils/Signals.cs', line: 3, column: 1, message: 'CS0103: x' }
    ],
    [
      'My Folder/Main (old).cs(3,1): error CS0103: x',
      {
        file: 'My Folder/Main (old).cs',
        line: 3,
        column: 1,
        message: 'CS0103: x'
      }
    ],
    [
      'Main.cs(3,1): error CS0029: Cannot convert type [int] to string',
      {
        file: 'Main.cs',
        line: 3,
        column: 1,
        message: 'CS0029: Cannot convert type [int] to string'
      }
    ],
    [
      'Main.cs(3,1): error : something broke',
      { file: 'Main.cs', line: 3, column: 1, message: 'something broke' }
    ]
  ])('%s', (raw, fields) => {
    expect(parseBuildLog([raw])).toStrictEqual([
      from(raw, { severity: 'error', ...fields })
    ])
  })

  test.each([
    "Main.cs(7,13): warning CS0168: The variable 'e' is declared but never used [/p/P.csproj]",
    "Main.cs(7,13): Warning CS0168: The variable 'e' is declared but never used"
  ])('warning: %s', (raw) => {
    expect(parseBuildLog([raw])).toStrictEqual([
      from(raw, {
        file: 'Main.cs',
        line: 7,
        column: 13,
        severity: 'warning',
        message: "CS0168: The variable 'e' is declared but never used"
      })
    ])
  })

  test.each([
    [
      'warning CS0168: The variable is declared but never used',
      'warning',
      'CS0168: The variable is declared but never used'
    ],
    [
      'CSC : error CS5001: Program does not contain a static Main method',
      'error',
      'CS5001: Program does not contain a static Main method'
    ],
    [
      '/p/Project.csproj : error NU1101: Unable to find package X [/p/Project.csproj]',
      'error',
      'NU1101: Unable to find package X'
    ]
  ])('without a location: %s', (raw, severity, message) => {
    expect(parseBuildLog([raw])).toStrictEqual([
      from(raw, { severity: severity as Diagnostic['severity'], message })
    ])
  })
})

describe('parseBuildLog: Python locations and error lines', () => {
  test('a syntax error traceback takes the exception line as the message', () => {
    const lines = [
      '  File "main.py", line 7',
      '    def initialize(self',
      '                      ^',
      'SyntaxError: invalid syntax',
      'Build Request Successful for Project ID: 1'
    ]
    expect(parseBuildLog(lines)).toEqual([
      {
        file: 'main.py',
        line: 7,
        severity: 'error',
        message: 'SyntaxError: invalid syntax',
        raw: lines.slice(0, 4).join('\n')
      }
    ])
  })

  test('a runtime traceback points at the innermost frame on a project file', () => {
    const lines = [
      'Traceback (most recent call last):',
      '  File "/LeanCLI/main.py", line 7, in initialize',
      '    self.setup()',
      '  File "/LeanCLI/utils/signals.py", line 3, in setup',
      '    x = numpy.zeros(-1)',
      '  File "/usr/lib/python3/numpy/core.py", line 99, in zeros',
      '    raise ValueError("negative dimensions are not allowed")',
      'ValueError: negative dimensions are not allowed'
    ]
    const options = { knownFiles: ['main.py', 'utils/signals.py'] }
    expect(parseBuildLog(lines, options)).toEqual([
      {
        file: 'utils/signals.py',
        line: 3,
        severity: 'error',
        message: 'ValueError: negative dimensions are not allowed',
        raw: lines.slice(1).join('\n')
      }
    ])
    expect(parseBuildLog(lines)[0]).toMatchObject({
      file: '/usr/lib/python3/numpy/core.py',
      line: 99
    })
  })

  test.each([
    [['File "/LeanCLI/main.py", line 7, in initialize'], 'main.py', 7],
    [['file "./main.py",line 7'], 'main.py', 7],
    [
      ['  File "C:\\Users\\me\\algo\\main.py", line 2'],
      'C:/Users/me/algo/main.py',
      2
    ]
  ])('a frame without an exception line: %j', (lines, file, line) => {
    expect(parseBuildLog(lines)).toStrictEqual([
      from(lines.join('\n'), {
        file,
        line,
        severity: 'error',
        message: lines[0]?.trim() ?? ''
      })
    ])
  })

  test('a frame in <string> names no file', () => {
    const lines = ['  File "<string>", line 1', 'NameError: name x']
    expect(parseBuildLog(lines)).toEqual([
      {
        line: 1,
        severity: 'error',
        message: 'NameError: name x',
        raw: lines.join('\n')
      }
    ])
  })

  test('a warning traceback is a warning', () => {
    const lines = [
      '  File "main.py", line 5',
      '    if x is 1:',
      'SyntaxWarning: "is" with a literal. Did you mean "=="?'
    ]
    expect(parseBuildLog(lines)[0]?.severity).toBe('warning')
  })

  test.each([
    [
      'invalid syntax (main.py, line 4)',
      { file: 'main.py', line: 4, message: 'invalid syntax' }
    ],
    [
      'SyntaxError: invalid syntax (main.py, line 4)',
      { file: 'main.py', line: 4, message: 'SyntaxError: invalid syntax' }
    ],
    [
      'Build Error: invalid syntax (/LeanCLI/utils/a, b.py, LINE 9)',
      { file: 'utils/a, b.py', line: 9, message: 'invalid syntax' }
    ],
    [
      'unexpected indent (señal #2.py, line 1)  ',
      { file: 'señal #2.py', line: 1, message: 'unexpected indent' }
    ],
    [
      '(main.py, line 4)',
      { file: 'main.py', line: 4, message: '(main.py, line 4)' }
    ]
  ])('inline location: %s', (raw, fields) => {
    expect(parseBuildLog([raw])).toStrictEqual([
      from(raw, { severity: 'error', ...fields })
    ])
  })

  test.each([
    [
      "ModuleNotFoundError: No module named 'x'",
      'error',
      "ModuleNotFoundError: No module named 'x'"
    ],
    ['UserWarning: deprecated call', 'warning', 'UserWarning: deprecated call'],
    ['builtins.TypeError', 'error', 'builtins.TypeError'],
    ['error: could not compile', 'error', 'could not compile'],
    ['Warning: slow import', 'warning', 'slow import'],
    ['ERROR :', 'error', 'ERROR :']
  ])('an error line without a location: %s', (raw, severity, message) => {
    expect(parseBuildLog([raw])).toStrictEqual([
      from(raw, { severity: severity as Diagnostic['severity'], message })
    ])
  })
})

describe('parseBuildLog: prefixes and known files', () => {
  const knownFiles = ['main.py', 'utils/signals.py', 'Main.cs', 'Alpha/Main.cs']

  test.each([
    ['/LeanCLI/main.py', 'main.py'],
    ['/LeanCLI/utils/signals.py', 'utils/signals.py'],
    ['/home/runner/work/repo/project/utils/signals.py', 'utils/signals.py'],
    ['C:\\Users\\me\\project\\utils\\signals.py', 'utils/signals.py'],
    ['./main.py', 'main.py'],
    ['/tmp/build/Alpha/Main.cs', 'Alpha/Main.cs'],
    ['/tmp/build/Beta/Main.cs', 'Main.cs'],
    ['/tmp/build/notmain.py', '/tmp/build/notmain.py'],
    ['/other/file.py', '/other/file.py']
  ])('%s -> %s', (printed, file) => {
    const lines = [
      `Build Error File: ${printed} Line:1 Column:1 - x`,
      `${printed}(1,1): error CS0001: x`,
      `  File "${printed}", line 1`,
      `x (${printed}, line 1)`
    ]
    const found = parseBuildLog(lines, { knownFiles })
    expect(found.map((d) => d.file)).toEqual([file, file, file, file])
  })

  test('known files given with backslashes or ./ still match', () => {
    const raw = 'Build Error File: /LeanCLI/x/utils/signals.py Line:1 - x'
    const options: ParseOptions = { knownFiles: ['.\\utils\\signals.py'] }
    expect(parseBuildLog([raw], options)[0]?.file).toBe('utils/signals.py')
  })

  test('without known files an absolute path is kept', () => {
    const raw = 'Build Error File: /home/me/main.py Line:1 - x'
    expect(parseBuildLog([raw])[0]?.file).toBe('/home/me/main.py')
  })
})

describe('parseBuildLog: lines that give nothing', () => {
  test.each([
    'Build Request Successful for Project ID: 26025124, with CompileID: ' +
      '4ba2-6443, Lean Version: 2.5.0.0.17369',
    '',
    '   ',
    'Build succeeded.',
    '    0 Warning(s)',
    '    0 Error(s)',
    'Traceback (most recent call last):',
    'Build Errors: none',
    'errors were fixed in this version',
    'Time Elapsed 00:00:01.23',
    '    self.foo()',
    'line 7'
  ])('%j', (line) => {
    expect(parseBuildLog([line])).toEqual([])
  })

  test('an empty log', () => {
    expect(parseBuildLog([])).toEqual([])
  })
})

describe('parseBuildLog: robustness', () => {
  test('keeps log order across shapes', () => {
    const lines = [
      'Build Request Successful for Project ID: 1',
      'Main.cs(2,1): warning CS0168: unused',
      'Build Error File: main.py Line:1 Column:1 - first',
      '  File "main.py", line 3',
      'SyntaxError: bad',
      'invalid syntax (main.py, line 4)'
    ]
    expect(parseBuildLog(lines).map((d) => d.line)).toEqual([2, 1, 3, 4])
  })

  test('skips entries that are not strings', () => {
    const lines = [
      null,
      undefined,
      42,
      {},
      'Build Error File: main.py Line:1 - x',
      null,
      '    not a continuation after null'
    ] as unknown as string[]
    expect(parseBuildLog(lines)).toEqual([
      {
        file: 'main.py',
        line: 1,
        severity: 'error',
        message: 'x',
        raw: 'Build Error File: main.py Line:1 - x'
      }
    ])
  })

  test.each([null, undefined, 'a string', 42, {}])(
    'a log that is not an array (%p) gives nothing',
    (value) => {
      expect(parseBuildLog(value as unknown as string[])).toEqual([])
    }
  )

  test.each([null, {}, { knownFiles: null }, { knownFiles: [null, 3, ''] }])(
    'odd options (%p) are ignored',
    (options) => {
      const raw = 'Build Error File: ./main.py Line:1 - x'
      const found = parseBuildLog([raw], options as unknown as ParseOptions)
      expect(found[0]?.file).toBe('main.py')
    }
  )

  test('a line number too big to hold is left out', () => {
    const raw = `Build Error File: main.py Line:${'9'.repeat(30)} - x`
    expect(parseBuildLog([raw])).toStrictEqual([
      from(raw, { file: 'main.py', severity: 'error', message: 'x' })
    ])
  })

  test('garbage never throws', () => {
    const garbage = [
      '\u0000\u0001\uffff',
      '((((((((((',
      ')))):::,,,',
      'Build Error File:',
      'Build Error File: Line:',
      'File "',
      'File "x", line',
      '(, line 1)',
      '[]'.repeat(1000),
      '\r\n\t',
      '\ud800'
    ]
    expect(() => parseBuildLog(garbage)).not.toThrow()
  })

  const big = 100_000
  test.each([
    ['spaces', ' '.repeat(big)],
    [
      'a Build Error header then spaces',
      'Build Error File: ' + ' '.repeat(big)
    ],
    [
      'a Build Error line then spaces',
      'Build Error File: a' + ' '.repeat(big) + 'b'
    ],
    ['repeated " line"', 'Build Error File: a' + ' line'.repeat(big / 5)],
    ['repeated " line :"', 'Build Error File: a' + ' line :  '.repeat(big / 9)],
    ['open parentheses', 'a' + '(1,'.repeat(big / 3)],
    ['MSBuild-like', 'x(1,1)'.repeat(big / 6) + ' : '.repeat(100)],
    ['commas and "line"', '(' + ', line '.repeat(big / 7)],
    ['error words', ' error '.repeat(big / 7)],
    ['an exception-like name', 'A' + 'b'.repeat(big) + 'Errors'],
    ['brackets', 'Main.cs(1,1): error CS1: x' + ' ['.repeat(big / 2)],
    ['a long message', 'Build Error File: main.py Line:1 - ' + 'x'.repeat(big)]
  ])('a 100 KB line of %s parses fast', (_name, line) => {
    const started = performance.now()
    parseBuildLog([line, line])
    expect(performance.now() - started).toBeLessThan(500)
  })

  test('many lines parse fast', () => {
    const lines = Array.from({ length: 20_000 }, (_, i) =>
      i % 2 ? `Main.cs(${i},1): error CS1002: ; expected` : `chatter ${i}`
    )
    const started = performance.now()
    expect(parseBuildLog(lines)).toHaveLength(10_000)
    expect(performance.now() - started).toBeLessThan(1000)
  })
})
