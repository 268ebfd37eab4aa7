import {
  afterEach,
  beforeEach,
  describe,
  expect,
  jest,
  test
} from '@jest/globals'
import { InputError } from '../src/errors.js'
import { readSettings } from '../src/settings.js'
import { captureStdout } from './support/stdout.js'

const WORKSPACE = '/home/runner/work/repo/repo'
const TOKEN = 'tok-secret-123'

/** Sets an input the way the runner passes it. */
function input(name: string, value: string): void {
  process.env[`INPUT_${name.toUpperCase()}`] = value
}

/** The error `readSettings` throws, or a failure if it throws none. */
function refusal(): InputError {
  try {
    readSettings()
  } catch (error) {
    if (error instanceof InputError) {
      return error
    }
    throw error
  }
  throw new Error('readSettings accepted the inputs')
}

describe('readSettings', () => {
  const saved = { ...process.env }
  let written: string[]

  beforeEach(() => {
    for (const name of Object.keys(process.env)) {
      if (name.startsWith('INPUT_')) {
        delete process.env[name]
      }
    }
    process.env.GITHUB_WORKSPACE = WORKSPACE
    input('project-id', '4242')
    input('user-id', '77')
    input('api-token', TOKEN)

    written = []
    captureStdout(written)
  })

  afterEach(() => {
    jest.restoreAllMocks()
    for (const name of Object.keys(process.env)) {
      if (!(name in saved)) {
        delete process.env[name]
      }
    }
    Object.assign(process.env, saved)
  })

  test('reads the required inputs and fills in the defaults', () => {
    expect(readSettings()).toEqual({
      projectId: 4242,
      userId: '77',
      apiToken: TOKEN,
      workspace: WORKSPACE,
      projectPath: '',
      timeoutSeconds: 600,
      baseUrl: 'https://www.quantconnect.com/api/v2',
      push: false,
      checkName: '',
      githubToken: '',
      maxParameters: undefined,
      parameterAnnotations: 'notice'
    })
  })

  test('reads every optional input', () => {
    input('project-path', 'algos/alpha')
    input('timeout-seconds', '90')
    input('base-url', 'https://qc.example.com/api/v2')
    input('push', 'true')
    input('check-name', 'QuantConnect')
    input('github-token', 'ghs_abc')
    input('max-parameters', '25')
    input('parameter-annotations', 'warning')

    expect(readSettings()).toMatchObject({
      projectPath: 'algos/alpha',
      timeoutSeconds: 90,
      baseUrl: 'https://qc.example.com/api/v2',
      push: true,
      checkName: 'QuantConnect',
      githubToken: 'ghs_abc',
      maxParameters: 25,
      parameterAnnotations: 'warning'
    })
  })

  test('masks api-token before it prints anything else', () => {
    input('github-token', 'ghs_abc')

    readSettings()

    expect(written[0]).toBe(`::add-mask::${TOKEN}\n`)
    expect(written).toContain('::add-mask::ghs_abc\n')
    expect(written.slice(1).filter((chunk) => chunk.includes(TOKEN))).toEqual(
      []
    )
  })

  test('masks api-token even when a later input is refused', () => {
    input('project-id', 'abc')

    const error = refusal()

    expect(written[0]).toBe(`::add-mask::${TOKEN}\n`)
    expect(error.message).not.toContain(TOKEN)
  })

  test('trims whitespace around the credentials and masks the trimmed token', () => {
    input('user-id', '  77 \n')
    input('api-token', `\t ${TOKEN}  \n`)

    const settings = readSettings()

    expect(settings.userId).toBe('77')
    expect(settings.apiToken).toBe(TOKEN)
    expect(written[0]).toBe(`::add-mask::${TOKEN}\n`)
  })

  test.each([
    ['user-id', ''],
    ['user-id', '   '],
    ['api-token', ''],
    ['api-token', ' \n ']
  ])('an empty %s (%j) is refused with the fork hint', (name, value) => {
    input(name, value)

    const error = refusal()

    expect(error.message).toContain(`Input '${name}' is empty`)
    expect(error.message).toMatch(/fork/)
    expect(error.message).toMatch(/secret/)
  })

  test('an empty project-id is refused', () => {
    input('project-id', '')

    expect(refusal().message).toContain("Input 'project-id' is empty")
  })

  test.each([
    ['project-id', 'abc'],
    ['project-id', '0'],
    ['project-id', '-3'],
    ['project-id', '1.5'],
    ['project-id', '12abc'],
    ['project-id', '1e3'],
    ['project-id', '99999999999999999999'],
    ['user-id', 'abc'],
    ['user-id', '77a'],
    ['user-id', '-77'],
    ['timeout-seconds', 'ten'],
    ['timeout-seconds', '0'],
    ['timeout-seconds', '-5'],
    ['timeout-seconds', '21601'],
    ['timeout-seconds', 'Infinity'],
    ['push', 'yes'],
    ['push', '1'],
    ['max-parameters', 'ten'],
    ['max-parameters', '-1'],
    ['max-parameters', '2.5'],
    ['parameter-annotations', 'error'],
    ['parameter-annotations', 'loud']
  ])('%s %j is refused, quoting the value', (name, value) => {
    input(name, value)

    const error = refusal()

    expect(error.message).toContain(`Input '${name}'`)
    expect(error.message).toContain(JSON.stringify(value))
    expect(error.message).toContain('expected')
    expect(error.message).not.toContain(TOKEN)
  })

  test.each([
    ['project-id', ' 4242 ', { projectId: 4242 }],
    ['timeout-seconds', '1', { timeoutSeconds: 1 }],
    ['timeout-seconds', '21600', { timeoutSeconds: 21_600 }],
    ['push', 'TRUE', { push: true }],
    ['push', 'false', { push: false }],
    ['max-parameters', '0', { maxParameters: 0 }],
    ['max-parameters', '', { maxParameters: undefined }],
    ['parameter-annotations', 'off', { parameterAnnotations: 'off' }]
  ])('%s %j is read as %j', (name, value, expected) => {
    input(name, value)

    expect(readSettings()).toMatchObject(expected)
  })

  test.each([
    ['http://localhost:5000/api/v2', 'http://localhost:5000/api/v2'],
    ['http://127.0.0.1:8080/api/v2/', 'http://127.0.0.1:8080/api/v2'],
    ['http://127.0.0.5/api', 'http://127.0.0.5/api'],
    ['http://[::1]:3000/api/v2', 'http://[::1]:3000/api/v2'],
    ['https://qc.example.com/api/v2/', 'https://qc.example.com/api/v2'],
    ['https://qc.example.com//', 'https://qc.example.com'],
    ['HTTPS://QC.Example.com/api/v2', 'https://qc.example.com/api/v2']
  ])('base-url %j is accepted as %j', (value, expected) => {
    input('base-url', value)

    expect(readSettings().baseUrl).toBe(expected)
  })

  test.each([
    'http://www.quantconnect.com/api/v2',
    'http://10.0.0.1/api',
    'http://128.0.0.1/api',
    'http://localhost.example.com/api',
    'http://127.0.0.1.example.com/api',
    'ftp://localhost/api',
    'not a url'
  ])('base-url %j is refused, quoting the value', (value) => {
    input('base-url', value)

    const error = refusal()

    expect(error.message).toContain("Input 'base-url'")
    expect(error.message).toContain(JSON.stringify(value))
  })

  test.each([
    ['./algos/', 'algos'],
    ['algos\\alpha', 'algos/alpha'],
    [`${WORKSPACE}/algos/alpha`, 'algos/alpha'],
    [WORKSPACE, '']
  ])('project-path %j is read as %j', (value, expected) => {
    input('project-path', value)

    expect(readSettings().projectPath).toBe(expected)
  })

  test.each(['../elsewhere', '/etc', '/home/runner/work/repo'])(
    'project-path %j outside the workspace is refused',
    (value) => {
      input('project-path', value)

      const error = refusal()

      expect(error.message).toContain("Input 'project-path'")
      expect(error.message).toContain(JSON.stringify(value))
    }
  )
})

describe('readSettings and the checkout', () => {
  const saved = { ...process.env }
  let written: string[]

  beforeEach(() => {
    written = []
    captureStdout(written)
    process.env.GITHUB_WORKSPACE = process.cwd()
    input('project-id', '4242')
    input('user-id', '77')
    input('api-token', TOKEN)
  })

  afterEach(() => {
    jest.restoreAllMocks()
    process.env = { ...saved }
  })

  test.each([
    ['examples/python-momentum', 0],
    ['no/such/folder', 1],
    ['examples/python-momentum/main.py', 1]
  ])('project-path %j gives %i warnings', (projectPath, warnings) => {
    input('project-path', projectPath)

    readSettings()

    const warned = written.filter((line) => line.startsWith('::warning::'))
    expect(warned).toHaveLength(warnings)
    if (warnings > 0) {
      expect(warned[0]).toContain(`'project-path' is "${projectPath}"`)
    }
  })
})

describe('base-url with credentials', () => {
  test('is refused without echoing them', () => {
    process.env['INPUT_PROJECT-ID'] = '1'
    process.env['INPUT_USER-ID'] = '2'
    process.env['INPUT_API-TOKEN'] = 'tok'
    process.env['INPUT_BASE-URL'] = 'https://me:pw@qc.example.test/api/v2'
    jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
    try {
      expect(() => readSettings()).toThrow(/carries credentials/)
      let message = ''
      try {
        readSettings()
      } catch (error) {
        message = (error as Error).message
      }
      expect(message).not.toContain('pw')
    } finally {
      for (const name of ['PROJECT-ID', 'USER-ID', 'API-TOKEN', 'BASE-URL']) {
        delete process.env[`INPUT_${name}`]
      }
      jest.restoreAllMocks()
    }
  })
})
