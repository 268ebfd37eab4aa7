import { afterEach, describe, expect, jest, test } from '@jest/globals'
import { failureSummary, writeJobSummary } from '../src/report/job-summary.js'
import { captureStdout } from './support/stdout.js'

const saved = process.env.GITHUB_STEP_SUMMARY

afterEach(() => {
  process.env.GITHUB_STEP_SUMMARY = saved
  jest.restoreAllMocks()
})

describe('job summary', () => {
  test('a runner without a summary file costs nothing', async () => {
    delete process.env.GITHUB_STEP_SUMMARY
    jest.spyOn(process.stdout, 'write').mockImplementation(() => true)

    await expect(writeJobSummary('<p>x</p>')).resolves.toBeUndefined()
  })

  test('a summary file that cannot be written is a warning, not a crash', async () => {
    process.env.GITHUB_STEP_SUMMARY = '/nonexistent/folder/summary.md'
    const out: string[] = []
    captureStdout(out)

    await writeJobSummary('<p>x</p>')

    expect(out.join('')).toMatch(
      /::warning::The job summary could not be written/
    )
  })

  test('the failure summary escapes the message', () => {
    expect(failureSummary('bad <input> & "quotes"')).toContain(
      'bad &lt;input&gt; &amp; &quot;quotes&quot;'
    )
  })
})
