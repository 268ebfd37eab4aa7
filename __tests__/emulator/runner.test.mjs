import { describe, test, expect, afterEach } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inputVariables } from '../../emulator/action-inputs.mjs'
import {
  PULL_REQUEST,
  pullRequestEvent,
  runnerEnvironment
} from '../../emulator/runner.mjs'

const folders = []

afterEach(() => {
  for (const folder of folders.splice(0)) {
    rmSync(folder, { recursive: true, force: true })
  }
})

/** @param {Parameters<typeof runnerEnvironment>[2]} options */
function environment(options) {
  const folder = mkdtempSync(join(tmpdir(), 'qc-runner-test-'))
  folders.push(folder)
  return runnerEnvironment(folder, '/home/runner/work/repo', options)
}

describe('inputVariables', () => {
  test('fills in action.yml defaults under the runner’s names', () => {
    const variables = inputVariables(
      { 'project-id': '1001' },
      { 'github.token': 'ghs_x' }
    )
    expect(variables).toMatchObject({
      'INPUT_PROJECT-ID': '1001',
      'INPUT_PROJECT-PATH': '.',
      'INPUT_TIMEOUT-SECONDS': '600',
      INPUT_PUSH: 'false',
      'INPUT_CHECK-NAME': '',
      'INPUT_GITHUB-TOKEN': 'ghs_x',
      'INPUT_PARAMETER-ANNOTATIONS': 'notice'
    })
    // Required inputs without a default are set only when given.
    expect(variables).not.toHaveProperty('INPUT_USER-ID')
  })

  test('a given value wins over the default', () => {
    const variables = inputVariables({ push: 'true' }, { 'github.token': '' })
    expect(variables.INPUT_PUSH).toBe('true')
  })

  test('refuses an expression it cannot evaluate', () => {
    expect(() => inputVariables({}, {})).toThrow(/github\.token/)
  })
})

describe('runnerEnvironment', () => {
  test('inherits only PATH from the calling process', () => {
    process.env['INPUT_PROJECT-ID'] = 'inherited'
    process.env.QC_TEST_LEAK = 'inherited'
    try {
      const env = environment({ node: 'node', inputs: {} })
      expect(env).not.toHaveProperty('INPUT_PROJECT-ID')
      expect(env).not.toHaveProperty('QC_TEST_LEAK')
      expect(env.PATH).toBe(process.env.PATH)
    } finally {
      delete process.env['INPUT_PROJECT-ID']
      delete process.env.QC_TEST_LEAK
    }
  })

  test('sets up a pull_request step with fresh, empty runner files', () => {
    const env = environment({ node: 'node', inputs: { 'project-id': '5' } })
    expect(env).toMatchObject({
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: '/home/runner/work/repo',
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_SHA: PULL_REQUEST.mergeSha,
      GITHUB_REPOSITORY: PULL_REQUEST.repository,
      RUNNER_OS: 'Linux',
      'INPUT_PROJECT-ID': '5'
    })
    expect(readFileSync(env.GITHUB_OUTPUT, 'utf8')).toBe('')
    expect(readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8')).toBe('')
    const event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8'))
    expect(event).toEqual(pullRequestEvent())
    expect(event.pull_request.head.sha).toBe(PULL_REQUEST.headSha)
  })

  test('env adds and removes variables', () => {
    const env = environment({
      node: 'node',
      inputs: {},
      env: { RUNNER_DEBUG: '1', GITHUB_STEP_SUMMARY: undefined }
    })
    expect(env.RUNNER_DEBUG).toBe('1')
    expect(env).not.toHaveProperty('GITHUB_STEP_SUMMARY')
  })
})
