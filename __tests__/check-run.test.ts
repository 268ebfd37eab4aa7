import {
  afterEach,
  beforeEach,
  describe,
  expect,
  jest,
  test
} from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import type { Finding, Level } from '../src/findings.js'
import {
  startCheckRun,
  type CheckRun,
  type CheckRunResult
} from '../src/report/check-run.js'
import { workflowCommands } from './support/runner-files.js'
import { captureStdout } from './support/stdout.js'

const TOKEN = 'ghs_checkRunTestToken0123456789abcdef'
const HEAD_SHA = 'a'.repeat(40)
const MERGE_SHA = 'b'.repeat(40)
const API = 'https://api.github.test'

interface Recorded {
  method: string
  url: string
  headers: Record<string, string>
  body: Record<string, unknown> | undefined
}

type Answer = (request: Recorded, index: number) => Response

/** A JSON answer as GitHub sends it. */
function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' }
  })
}

/** Answers like GitHub: 201 with an id on create, 200 on update. */
const github: Answer = (request) =>
  request.method === 'POST'
    ? json(201, { id: 99, status: 'in_progress' })
    : json(200, { id: 99, status: 'completed' })

/** A fetch that records every request and answers with `answer`. */
function fakeFetch(answer: Answer = github): {
  requests: Recorded[]
  fetch: typeof fetch
} {
  const requests: Recorded[] = []
  const fake = async (
    input: string | URL | Request,
    init?: RequestInit
  ): Promise<Response> => {
    const request: Recorded = {
      method: init?.method ?? 'GET',
      url: String(input),
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      body: init?.body ? JSON.parse(String(init.body)) : undefined
    }
    requests.push(request)
    return answer(request, requests.length - 1)
  }
  return { requests, fetch: fake as typeof fetch }
}

/** The environment of a pull_request run, with its event payload on disk. */
function pullRequestEnv(): NodeJS.ProcessEnv {
  const dir = mkdtempSync(path.join(tmpdir(), 'check-run-'))
  const eventPath = path.join(dir, 'event.json')
  writeFileSync(
    eventPath,
    JSON.stringify({ pull_request: { number: 7, head: { sha: HEAD_SHA } } })
  )
  return {
    GITHUB_REPOSITORY: 'octo/algos',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_SHA: MERGE_SHA,
    GITHUB_API_URL: API
  }
}

function finding(level: Level, index: number, fields: Partial<Finding> = {}) {
  return {
    level,
    path: `algos/file${index % 7}.py`,
    line: index + 1,
    column: 3,
    title: `${level} title`,
    message: `${level} ${index}`,
    ...fields
  } satisfies Finding
}

function result(findings: readonly Finding[]): CheckRunResult {
  return {
    conclusion: 'failure',
    title: 'Build failed',
    summary: 'One build error.',
    findings
  }
}

const updates = (requests: Recorded[]): Recorded[] =>
  requests.filter((request) => request.method === 'PATCH')

const annotationsOf = (request: Recorded | undefined) =>
  ((request?.body?.output as { annotations?: Record<string, unknown>[] })
    ?.annotations ?? []) as Record<string, unknown>[]

describe('check run', () => {
  let written: string[]

  beforeEach(() => {
    written = []
    captureStdout(written)
  })

  afterEach(() => {
    jest.restoreAllMocks()
  })

  const stdout = (): string => written.join('')
  const warnings = (): string[] =>
    workflowCommands(stdout())
      .filter((command) => command.command === 'warning')
      .map((command) => command.message)

  async function started(
    fake = fakeFetch(),
    env = pullRequestEnv()
  ): Promise<CheckRun> {
    const run = await startCheckRun({
      token: TOKEN,
      name: 'QuantConnect compile',
      env,
      fetch: fake.fetch
    })
    if (!run) {
      throw new Error(`no check run; stdout: ${stdout()}`)
    }
    return run
  }

  test('is created in progress on the pull request head commit', async () => {
    const fake = fakeFetch()

    const run = await started(fake)

    expect(run.id).toBe(99)
    expect(fake.requests).toHaveLength(1)
    const [create] = fake.requests
    expect(create?.method).toBe('POST')
    expect(create?.url).toBe(`${API}/repos/octo/algos/check-runs`)
    expect(create?.body).toEqual({
      name: 'QuantConnect compile',
      head_sha: HEAD_SHA,
      status: 'in_progress'
    })
    expect(create?.headers.authorization).toBe(`token ${TOKEN}`)
    expect(warnings()).toEqual([])
  })

  test('is created on GITHUB_SHA on a push, at api.github.com by default', async () => {
    const fake = fakeFetch()
    const env = {
      GITHUB_REPOSITORY: 'octo/algos',
      GITHUB_EVENT_NAME: 'push',
      GITHUB_SHA: MERGE_SHA
    }

    await started(fake, env)

    expect(fake.requests[0]?.url).toBe(
      'https://api.github.com/repos/octo/algos/check-runs'
    )
    expect(fake.requests[0]?.body?.head_sha).toBe(MERGE_SHA)
  })

  test('145 findings take three updates of 50, 50 and 45 annotations', async () => {
    const fake = fakeFetch()
    const findings = Array.from({ length: 145 }, (_, i) => finding('error', i))
    const run = await started(fake)

    const completed = await run.complete(result(findings))

    expect(completed).toBe(true)
    expect(fake.requests).toHaveLength(4)
    const sent = updates(fake.requests)
    expect(sent.map((request) => request.url)).toEqual(
      Array(3).fill(`${API}/repos/octo/algos/check-runs/99`)
    )
    expect(sent.map((request) => annotationsOf(request).length)).toEqual([
      50, 50, 45
    ])
    const messages = sent.flatMap((request) =>
      annotationsOf(request).map((annotation) => annotation.message)
    )
    expect(messages).toEqual(findings.map((each) => each.message))

    expect(sent[0]?.body).toMatchObject({
      status: 'completed',
      conclusion: 'failure'
    })
    for (const later of sent.slice(1)) {
      expect(later.body).not.toHaveProperty('status')
      expect(later.body).not.toHaveProperty('conclusion')
      expect(later.body?.output).toMatchObject({
        title: 'Build failed',
        summary: 'One build error.'
      })
    }
  })

  test('no findings: one update completes the run, without annotations', async () => {
    const fake = fakeFetch()
    const run = await started(fake)

    await run.complete({ ...result([]), conclusion: 'success' })

    const sent = updates(fake.requests)
    expect(sent).toHaveLength(1)
    expect(sent[0]?.body).toEqual({
      status: 'completed',
      conclusion: 'success',
      output: { title: 'Build failed', summary: 'One build error.' }
    })
  })

  test.each([
    ['error', 'failure'],
    ['warning', 'warning'],
    ['notice', 'notice']
  ] as const)('a %s is a %s annotation', async (level, annotationLevel) => {
    const fake = fakeFetch()
    const run = await started(fake)

    await run.complete(result([finding(level, 4)]))

    expect(annotationsOf(updates(fake.requests)[0])).toEqual([
      {
        path: 'algos/file4.py',
        start_line: 5,
        end_line: 5,
        start_column: 3,
        end_column: 3,
        annotation_level: annotationLevel,
        title: `${level} title`,
        message: `${level} 4`
      }
    ])
  })

  test('a finding without a column has no columns', async () => {
    const fake = fakeFetch()
    const run = await started(fake)

    await run.complete(result([finding('warning', 0, { column: undefined })]))

    const [annotation] = annotationsOf(updates(fake.requests)[0])
    expect(annotation).toMatchObject({ start_line: 1, end_line: 1 })
    expect(annotation).not.toHaveProperty('start_column')
    expect(annotation).not.toHaveProperty('end_column')
  })

  test('findings without a repository line are listed in the text', async () => {
    const fake = fakeFetch()
    const run = await started(fake)
    const unplaced = [
      finding('error', 1, {
        path: undefined,
        cloudFile: 'lib/gone.cs',
        message: 'CS0246: List<Bar> not found'
      }),
      finding('warning', 2, { path: 'algos/main.py', line: undefined })
    ]

    await run.complete(result([finding('error', 0), ...unplaced]))

    const [update] = updates(fake.requests)
    expect(annotationsOf(update).map((each) => each.message)).toEqual([
      'error 0'
    ])
    const text = (update?.body?.output as { text?: string }).text ?? ''
    expect(text).toContain('CS0246: List&lt;Bar&gt; not found')
    expect(text).toContain('warning 2')
    expect(text).not.toContain('error 0')
  })

  test('a summary over 65535 characters is cut and says so', async () => {
    const fake = fakeFetch()
    const run = await started(fake)

    await run.complete({ ...result([]), summary: 'x'.repeat(70_000) })

    const summary = (
      updates(fake.requests)[0]?.body?.output as { summary: string }
    ).summary
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(65535)
    expect(summary).toMatch(/Cut here: GitHub keeps at most 65535 characters/)
  })

  test('403 on create: one warning with the fix, no check run', async () => {
    const fake = fakeFetch(() =>
      json(403, { message: 'Resource not accessible by integration' })
    )

    const run = await startCheckRun({
      token: TOKEN,
      name: 'QuantConnect compile',
      env: pullRequestEnv(),
      fetch: fake.fetch
    })

    expect(run).toBeUndefined()
    expect(fake.requests).toHaveLength(1)
    const shown = warnings()
    expect(shown).toHaveLength(1)
    expect(shown[0]).toMatch(
      /Could not create check run 'QuantConnect compile'/
    )
    expect(shown[0]).toMatch(/403 \(Resource not accessible by integration/)
    expect(shown[0]).toMatch(/workflow-command annotations/)
    expect(shown[0]).toMatch(/permissions: checks: write/)
    expect(shown[0]).toMatch(/forks/)
    expect(stdout()).not.toContain(TOKEN)
  })

  test('404 on the first update: one warning, no further update, false', async () => {
    const fake = fakeFetch((request) =>
      request.method === 'POST'
        ? json(201, { id: 99 })
        : json(404, { message: 'Not Found' })
    )
    const run = await started(fake)
    const findings = Array.from({ length: 120 }, (_, i) => finding('notice', i))

    const completed = await run.complete(result(findings))

    expect(completed).toBe(false)
    expect(updates(fake.requests)).toHaveLength(1)
    const shown = warnings()
    expect(shown).toHaveLength(1)
    expect(shown[0]).toMatch(/Could not complete check run/)
    expect(shown[0]).toMatch(/GitHub answered 404/)
    expect(shown[0]).toMatch(/permissions: checks: write/)
    expect(stdout()).not.toContain(TOKEN)
  })

  test('a later batch failing: one warning naming what was sent, false', async () => {
    const fake = fakeFetch((request, index) =>
      index === 2 ? json(502, { message: 'Bad Gateway' }) : github(request, 0)
    )
    const run = await started(fake)
    const findings = Array.from({ length: 145 }, (_, i) =>
      finding('warning', i)
    )

    const completed = await run.complete(result(findings))

    expect(completed).toBe(false)
    expect(updates(fake.requests)).toHaveLength(2)
    expect(warnings()).toEqual([
      expect.stringMatching(
        /holds only 50 of 145 annotations: GitHub answered 502/
      )
    ])
    expect(warnings()[0]).not.toMatch(/checks: write/)
  })

  test('a network error warns once and never throws', async () => {
    const failing = fakeFetch(() => {
      throw new Error(`connection reset while sending ${TOKEN}`)
    })

    const run = await startCheckRun({
      token: TOKEN,
      name: 'QuantConnect compile',
      env: pullRequestEnv(),
      fetch: failing.fetch
    })

    expect(run).toBeUndefined()
    expect(warnings()).toEqual([
      expect.stringMatching(/the request failed \(connection reset/)
    ])
    expect(stdout()).not.toContain(TOKEN)
  })

  test('a network error on update warns once and returns false', async () => {
    const fake = fakeFetch((request) => {
      if (request.method === 'PATCH') {
        throw new Error('socket hang up')
      }
      return github(request, 0)
    })
    const run = await started(fake)

    await expect(run.complete(result([finding('error', 0)]))).resolves.toBe(
      false
    )
    expect(warnings()).toEqual([
      expect.stringMatching(/Could not complete .*socket hang up/)
    ])
  })

  test.each([
    ['the token is empty', '', {}, /input 'github-token' is empty/],
    [
      'GITHUB_REPOSITORY is missing',
      TOKEN,
      { GITHUB_REPOSITORY: undefined },
      /GITHUB_REPOSITORY is ""/
    ],
    [
      'a pull request event has no head sha',
      TOKEN,
      { GITHUB_EVENT_PATH: undefined },
      /GITHUB_EVENT_PATH is not set on a pull_request event/
    ]
  ])(
    'no request and one warning when %s',
    async (_case, token, overrides, reason) => {
      const fake = fakeFetch()

      const run = await startCheckRun({
        token,
        name: 'QuantConnect compile',
        env: { ...pullRequestEnv(), ...overrides },
        fetch: fake.fetch
      })

      expect(run).toBeUndefined()
      expect(fake.requests).toEqual([])
      expect(warnings()).toHaveLength(1)
      expect(warnings()[0]).toMatch(reason)
      expect(warnings()[0]).toMatch(/workflow-command annotations/)
    }
  )

  test('the token never reaches stdout, whatever happens', async () => {
    const fake = fakeFetch((request, index) =>
      index === 0 ? github(request, 0) : json(422, { message: 'Invalid' })
    )
    const run = await started(fake)
    await run.complete(result([finding('error', 0)]))

    expect(fake.requests[1]?.headers.authorization).toBe(`token ${TOKEN}`)
    expect(warnings()).toHaveLength(1)
    expect(stdout()).not.toContain(TOKEN)
  })
})
