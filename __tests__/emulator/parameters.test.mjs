import {
  describe,
  test,
  expect,
  beforeAll,
  afterAll,
  jest
} from '@jest/globals'
import { startEmulator } from '../../emulator/server.mjs'
import { call, post, waitForCompile } from './client.mjs'

/**
 * Each case is one line of an algorithm's initialize(), which sits on
 * line 5 of its file, and the detected parameters expected for it.
 *
 * @type {[string, string[]][]}
 */
const CASES = [
  ['self.set_start_date(2020, 1, 1)', []],
  ['self.set_end_date(2021, 6, 30)', []],
  ['self.set_cash(100000)', []],
  ['self.debug("bought 100 shares at 5%")', []],
  ['self.log(f"weight {self._w * 100:.2f}")', []],
  ['self._label = f"top {self._n * 10} names"', []],
  ['self._enabled = True', []],
  ['last = self._closes[-1] + self._closes[0]', []],
  ['window = self._closes[2:10]', []],
  ['self._weight = round(self._w, 2)', []],
  [
    'self._period = 20',
    ['1 numeric assignment parameter detected near "self._period = 20".']
  ],
  [
    'self._bands = (1.5, 2.5)',
    [
      '2 numeric assignment parameters detected near "self._bands = (1.5, 2.5)".'
    ]
  ],
  [
    'self._ok = self._rsi > 70',
    ['1 comparison parameter detected near "self._rsi > 70".']
  ],
  [
    'self._ok = self._a > 3 and self._b > -5',
    ['2 comparison parameters detected near "self._a > 3".']
  ],
  [
    'self.market_order(self._symbol, 100)',
    [
      '1 order quantity parameter detected near "self.market_order(self._symbol, 100)".'
    ]
  ],
  [
    'self.set_holdings(self._symbol, -0.5)',
    [
      '1 order quantity parameter detected near "self.set_holdings(self._symbol, -0.5)".'
    ]
  ],
  [
    'self.limit_order(self._symbol, 10, self._price * 0.99)',
    [
      '1 order quantity parameter detected near "self.limit_order(self._symbol, 10, self._price * 0.99)".',
      '1 arithmetic parameter detected near "self._price * 0.99".'
    ]
  ],
  [
    'self._bb = self.bb(self._symbol, 20, 2)',
    ['2 LEAN API parameters detected near "self.bb(self._symbol, 20, 2)".']
  ],
  [
    'self._window = RollingWindow[float](10)',
    ['1 LEAN API parameter detected near "RollingWindow[float](10)".']
  ],
  [
    'self.set_warm_up(timedelta(hours=1, minutes=30))',
    ['2 time span parameters detected near "timedelta(hours=1, minutes=30)".']
  ],
  [
    'self._span = TimeSpan.from_minutes(5)',
    ['1 time span parameter detected near "TimeSpan.from_minutes(5)".']
  ],
  [
    'self.schedule.on(self.date_rules.every_day(), self.time_rules.at(10, 30), self._go)',
    ['2 scheduled event parameters detected near "self.time_rules.at(10, 30)".']
  ],
  [
    'self._size = self._cash * 0.1 + 5',
    ['2 arithmetic parameters detected near "self._cash * 0.1 + 5".']
  ],
  [
    'self._count += 1',
    ['1 arithmetic parameter detected near "self._count += 1".']
  ],
  ['self._helper(5)', []],
  [
    'self.history(self._symbol, 30, Resolution.DAILY)',
    [
      '1 LEAN API parameter detected near "self.history(self._symbol, 30, Resolution.DAILY)".'
    ]
  ]
]

/** @param {string} line */
function algorithm(line) {
  return [
    'class Case(QCAlgorithm):',
    '    def _helper(self, n):',
    '        return n',
    '    def initialize(self):',
    `        ${line}`,
    ''
  ].join('\n')
}

const fileName = (/** @type {number} */ index) =>
  `cases/case_${String(index).padStart(2, '0')}.py`

describe('Python parameter detection', () => {
  /** @type {Awaited<ReturnType<typeof startEmulator>>} */
  let emulator
  /** @type {Map<string, {line: number, type: string}[]>} */
  const found = new Map()

  beforeAll(async () => {
    const files = CASES.map(([line], index) => ({
      name: fileName(index),
      content: algorithm(line)
    }))
    emulator = await startEmulator({
      projects: [{ id: 1, files }],
      compileSeconds: 0
    })
    const created = await post(emulator, 'compile/create', { projectId: 1 })
    for (const file of created.parameters) found.set(file.file, file.parameters)
  })

  afterAll(() => emulator.close())

  test.each(CASES.map(([line, expected], index) => [line, expected, index]))(
    '%s',
    (_line, expected, index) => {
      const entries = found.get(fileName(/** @type {number} */ (index))) ?? []
      expect(entries.map((entry) => entry.type)).toEqual(expected)
      for (const entry of entries) expect(entry.line).toBe(5)
    }
  )

  test('a call over several lines is reported on its first line', async () => {
    const content = [
      'class A(QCAlgorithm):',
      '    def initialize(self):',
      '        self._macd = self.macd(',
      '            self._symbol,',
      '            12,',
      '            26,',
      '            9,',
      '        )',
      ''
    ].join('\n')
    const other = await startEmulator({
      projects: [{ id: 2, files: [{ name: 'main.py', content }] }]
    })
    try {
      const created = await post(other, 'compile/create', { projectId: 2 })
      expect(created.parameters).toEqual([
        {
          file: 'main.py',
          parameters: [
            {
              line: 3,
              type: '3 LEAN API parameters detected near "self.macd( self._symbol, 12, 26, 9, )".'
            }
          ]
        }
      ])
    } finally {
      await other.close()
    }
  })
})

describe('without Python', () => {
  test('accepts the files, detects nothing and warns once', async () => {
    const writes = []
    const spy = jest
      .spyOn(process.stderr, 'write')
      .mockImplementation((text) => {
        writes.push(String(text))
        return true
      })
    const emulator = await startEmulator({
      projects: [
        { id: 1, files: [{ name: 'main.py', content: 'def broken(:\n' }] }
      ],
      python: '/nonexistent/python3',
      compileSeconds: 0
    })
    try {
      for (let i = 0; i < 2; i++) {
        const created = await post(emulator, 'compile/create', { projectId: 1 })
        expect(created.parameters).toEqual([])
        const done = await waitForCompile(emulator, 1, created.compileId)
        expect(done.state).toBe('BuildSuccess')
      }
      const warnings = writes.filter((text) =>
        text.includes('/nonexistent/python3')
      )
      expect(warnings).toHaveLength(1)
    } finally {
      spy.mockRestore()
      await emulator.close()
    }
  })

  test('an interpreter that fails answers HTTP 500, not a build result', async () => {
    const spy = jest.spyOn(process.stderr, 'write').mockReturnValue(true)
    const emulator = await startEmulator({
      projects: [{ id: 1, files: [{ name: 'main.py', content: 'x = 1\n' }] }],
      python: 'false'
    })
    try {
      const answer = await call(emulator, 'compile/create', { projectId: 1 })
      expect(answer.status).toBe(500)
      expect(answer.json.success).toBe(false)
      expect(answer.json.errors[0]).toContain('lean_compile.py failed')
    } finally {
      spy.mockRestore()
      await emulator.close()
    }
  })
})
