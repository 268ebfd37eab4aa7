import {
  afterAll,
  afterEach,
  beforeEach,
  describe,
  expect,
  jest,
  test
} from '@jest/globals'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'
import nock from 'nock'
import {
  readOutputs,
  runnerFiles,
  workflowCommands
} from './support/runner-files.js'

// Loaded after nock so that the HTTP client sees nock's http module.
const { run } = await import('../src/main.js')

const BASE = 'https://qc.example.test/api/v2'
const TOKEN = 'tok-0123456789abcdef'
const COMPILE_ID = 'a'.repeat(32) + '-' + 'b'.repeat(32)

let files: ReturnType<typeof runnerFiles>
// @actions/core caches the summary file's path for the process: keep one.
const summaryFiles = runnerFiles()
const summaryFile = summaryFiles.summary
afterAll(() => rmSync(summaryFiles.dir, { recursive: true, force: true }))
let stdout: string
const savedEnv = { ...process.env }

function setInputs(inputs: Record<string, string>): void {
  for (const [name, value] of Object.entries(inputs)) {
    process.env[`INPUT_${name.toUpperCase()}`] = value
  }
}

function commands(name: string) {
  return workflowCommands(stdout).filter((c) => c.command === name)
}

beforeEach(() => {
  nock.disableNetConnect()
  files = runnerFiles()
  writeFileSync(summaryFile, '')
  const workspace = path.join(files.dir, 'repo')
  mkdirSync(path.join(workspace, 'algos/alpha/utils'), { recursive: true })
  writeFileSync(path.join(workspace, 'algos/alpha/main.py'), 'x = 1\n')
  writeFileSync(path.join(workspace, 'algos/alpha/utils/signals.py'), 'y = 2\n')
  Object.assign(process.env, {
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_WORKSPACE: workspace,
    GITHUB_REPOSITORY: 'octo/algos',
    GITHUB_SHA: 'c0ffee',
    GITHUB_SERVER_URL: 'https://github.com'
  })
  setInputs({
    'project-id': '123',
    'user-id': '42',
    'api-token': TOKEN,
    'project-path': 'algos/alpha',
    'timeout-seconds': '30',
    'base-url': BASE
  })
  stdout = ''
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk)
    return true
  })
})

afterEach(() => {
  rmSync(files.dir, { recursive: true, force: true })
  jest.restoreAllMocks()
  nock.cleanAll()
  nock.enableNetConnect()
  process.env = { ...savedEnv }
  process.exitCode = undefined
})

function created(parameters: unknown[] = []) {
  return {
    success: true,
    errors: [],
    compileId: COMPILE_ID,
    state: 'InQueue',
    projectId: 123,
    signature: 'sig-1',
    signatureOrder: ['main.py'],
    parameters
  }
}

describe('run()', () => {
  test('BuildSuccess: outputs, parameter notices, summary, green step', async () => {
    nock(BASE)
      .post('/compile/create', { projectId: 123 })
      .reply(
        200,
        created([
          {
            file: 'main.py',
            parameters: [
              {
                line: 8,
                type: '3 LEAN API parameters detected near "self.sma(s, 20)".'
              }
            ]
          },
          {
            file: 'utils/signals.py',
            parameters: [{ line: 4, type: 'comparison parameter detected' }]
          }
        ])
      )
      .post('/compile/read', { projectId: 123, compileId: COMPILE_ID })
      .reply(200, {
        success: true,
        state: 'BuildSuccess',
        logs: ['Build Success']
      })

    await run()

    expect(process.exitCode).toBeUndefined()
    const outputs = readOutputs(files.output)
    expect(outputs['compile-id']).toBe(COMPILE_ID)
    expect(outputs['state']).toBe('BuildSuccess')
    expect(outputs['signature']).toBe('sig-1')
    expect(outputs['parameter-count']).toBe('4')
    expect(JSON.parse(outputs['parameters'] ?? '')).toEqual([
      expect.objectContaining({
        path: 'algos/alpha/main.py',
        line: 8,
        count: 3
      }),
      expect.objectContaining({
        path: 'algos/alpha/utils/signals.py',
        line: 4,
        count: 1
      })
    ])

    const notices = commands('notice')
    expect(notices.map((n) => [n.properties.file, n.properties.line])).toEqual([
      ['algos/alpha/main.py', '8'],
      ['algos/alpha/utils/signals.py', '4']
    ])
    expect(notices[0]?.properties.title).toMatch(/parameter detection/)
    expect(notices[0]?.message).toBe(
      '3 LEAN API parameters detected near "self.sma(s, 20)".'
    )

    const summary = readFileSync(summaryFile, 'utf8')
    expect(summary).toContain(COMPILE_ID)
    expect(summary).toContain(
      'https://github.com/octo/algos/blob/c0ffee/algos/alpha/main.py#L8'
    )
    expect(stdout).toContain('BuildSuccess after')
    expect(stdout).toContain(`::add-mask::${TOKEN}`)
    expect(stdout.split(TOKEN).length).toBe(2)
  })

  test('BuildError: error annotations on repository lines, red step naming the compile', async () => {
    nock(BASE)
      .post('/compile/create')
      .reply(200, created())
      .post('/compile/read')
      .reply(200, { success: true, state: 'InQueue', logs: [] })
      .post('/compile/read')
      .reply(200, {
        success: true,
        state: 'BuildError',
        logs: [
          'Build Request Successful for Project ID: 123',
          'Build Error File: utils/signals.py Line:12 Column:9 - invalid syntax'
        ]
      })

    await run()

    expect(process.exitCode).toBe(1)
    const errors = commands('error')
    expect(errors[0]?.properties).toMatchObject({
      file: 'algos/alpha/utils/signals.py',
      line: '12',
      col: '9'
    })
    expect(errors[0]?.message).toContain('invalid syntax')
    const failure = errors.at(-1)?.message ?? ''
    expect(failure).toContain(COMPILE_ID)
    expect(failure).toContain('1 build error')
    expect(readOutputs(files.output)['state']).toBe('BuildError')
    expect(readFileSync(summaryFile, 'utf8')).toContain('invalid syntax')
    // One log line per change of state, not one per read.
    expect(stdout.match(/BuildError after/g)).toHaveLength(1)
  })

  test('success:false fails with the API text and sets no outputs', async () => {
    nock(BASE)
      .post('/compile/create')
      .reply(200, { success: false, errors: ['Project not found: 123'] })

    await run()

    expect(process.exitCode).toBe(1)
    expect(commands('error').at(-1)?.message).toContain(
      'Project not found: 123'
    )
    expect(readOutputs(files.output)).toEqual({})
  })

  test('HTTP 401 names wrong credentials and the runner clock', async () => {
    nock(BASE).post('/compile/create').reply(401, '')

    await run()

    expect(process.exitCode).toBe(1)
    const message = commands('error').at(-1)?.message ?? ''
    expect(message).toMatch(/user-id or api-token/)
    expect(message).toMatch(/clock/)
  })

  test.each([
    [{ 'project-id': 'abc' }, /'project-id' is "abc"/],
    [{ 'project-id': '0' }, /'project-id' is "0"/],
    [{ 'project-id': '' }, /'project-id' is empty/],
    [{ 'api-token': '' }, /'api-token' is empty.*forks/],
    [{ 'user-id': '' }, /'user-id' is empty.*forks/],
    [{ 'timeout-seconds': 'soon' }, /'timeout-seconds' is "soon"/],
    [{ 'base-url': 'http://qc.example.test/api/v2' }, /must use https/],
    [{ 'project-path': '../elsewhere' }, /outside the workspace/]
  ])('bad input %j fails before any request', async (inputs, message) => {
    setInputs(inputs)

    await run()

    expect(process.exitCode).toBe(1)
    expect(commands('error').at(-1)?.message).toMatch(message)
    expect(nock.pendingMocks()).toEqual([])
  })

  test('deadline: red step naming the compile id and its last state', async () => {
    setInputs({ 'timeout-seconds': '2' })
    nock(BASE)
      .post('/compile/create')
      .reply(200, created())
      .post('/compile/read')
      .times(20)
      .reply(200, { success: true, state: 'InQueue', logs: [] })

    await run()

    expect(process.exitCode).toBe(1)
    const message = commands('error').at(-1)?.message ?? ''
    expect(message).toContain(COMPILE_ID)
    expect(message).toContain('still InQueue')
    expect(readOutputs(files.output)['state']).toBe('InQueue')
  })
})
