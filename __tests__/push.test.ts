import {
  afterEach,
  beforeEach,
  describe,
  expect,
  jest,
  test
} from '@jest/globals'
import nock from 'nock'
import { Deadline } from '../src/deadline.js'
import { ActionError } from '../src/errors.js'
import type { SourceFile } from '../src/sources.js'
import { captureStdout } from './support/stdout.js'

// Loaded after nock so that the HTTP client sees nock's http module.
const { QuantConnectClient } = await import('../src/quantconnect/client.js')
const { planPush, pushSources, uploadContent, PushError } =
  await import('../src/push.js')
type QuantConnectClient = InstanceType<typeof QuantConnectClient>

const HOST = 'https://qc.example.test'
const BASE = `${HOST}/api/v2`
const PROJECT = 123

interface CloudFile {
  name: string
  content: string | null
  isLibrary?: boolean
}

interface FakeCloudOptions {
  /** Answers `files/read` with this `files` value instead of the stored files. */
  listing?: unknown
  /** Holds a reply back this long, so that requests overlap. */
  delayMs?: (name: string) => number
  /** A refusal for this file: [HTTP status, answer]. */
  refuse?: (name: string) => [number, object] | undefined
}

/**
 * A QuantConnect project behind nock: keeps its files in a map, applies
 * `files/*` requests to it, and records them.
 */
function fakeCloud(initial: CloudFile[], options: FakeCloudOptions = {}) {
  const files = new Map(initial.map((file) => [file.name, { ...file }]))
  const requests: { endpoint: string; name?: string; content?: string }[] = []
  const answered: string[] = []
  /** Requests and answers in the order they happened. */
  const events: string[] = []
  let inFlight = 0
  let maxInFlight = 0

  nock(HOST)
    .persist()
    .post(/^\/api\/v2\/files\/(read|create|update|delete)$/)
    .reply((uri, rawBody, callback) => {
      const endpoint = uri.replace('/api/v2/', '')
      const body = (
        typeof rawBody === 'string' ? JSON.parse(rawBody) : rawBody
      ) as { projectId: number; name?: string; content?: string }
      requests.push({ endpoint, name: body.name, content: body.content })
      events.push(`request ${endpoint}`)
      inFlight += 1
      maxInFlight = Math.max(maxInFlight, inFlight)

      const answer = (): [number, object] => {
        if (body.projectId !== PROJECT) {
          return [200, { success: false, errors: ['Unknown project'] }]
        }
        const name = body.name ?? ''
        const refusal = options.refuse?.(name)
        if (refusal) {
          return refusal
        }
        switch (endpoint) {
          case 'files/read':
            return [
              200,
              {
                success: true,
                files:
                  'listing' in options ? options.listing : [...files.values()]
              }
            ]
          case 'files/create':
            if (files.has(name) || !body.content) {
              return [200, { success: false, errors: ['Refused create'] }]
            }
            files.set(name, { name, content: body.content })
            return [200, { success: true }]
          case 'files/update':
            if (!files.has(name) || files.get(name)?.isLibrary) {
              return [200, { success: false, errors: ['Refused update'] }]
            }
            files.set(name, { name, content: body.content ?? '' })
            return [200, { success: true }]
          default:
            if (!files.delete(name)) {
              return [200, { success: false, errors: ['Refused delete'] }]
            }
            return [200, { success: true }]
        }
      }

      setTimeout(
        () => {
          inFlight -= 1
          answered.push(`${endpoint} ${body.name ?? ''}`.trim())
          events.push(`answer ${endpoint}`)
          callback(null, answer())
        },
        options.delayMs?.(body.name ?? '') ?? 0
      )
    })

  return {
    files,
    requests,
    answered,
    events,
    /** The most requests that were ever open at once. */
    maxInFlight: () => maxInFlight,
    /** The requests other than the one `files/read`. */
    writes: () => requests.filter((r) => r.endpoint !== 'files/read'),
    /** What the cloud holds, as sources, sorted by name. */
    contents: () =>
      [...files.values()]
        .map((file) => ({ name: file.name, content: file.content }))
        .sort((a, b) => (a.name < b.name ? -1 : 1))
  }
}

let api: QuantConnectClient
let printed: string[]

function client(): QuantConnectClient {
  return new QuantConnectClient({
    baseUrl: BASE,
    userId: '42',
    apiToken: 'secret-token-value',
    deadline: new Deadline(10_000),
    requestTimeoutMs: 2_000,
    retries: 1,
    retryDelayMs: 1
  })
}

function source(name: string, content = `# ${name}\n`): SourceFile {
  return { name, content }
}

beforeEach(() => {
  nock.disableNetConnect()
  printed = []
  captureStdout(printed)
  api = client()
})

afterEach(() => {
  api.dispose()
  nock.cleanAll()
  nock.enableNetConnect()
  jest.restoreAllMocks()
})

describe('pushSources', () => {
  test('makes stale, changed and missing files equal to the repository', async () => {
    const cloud = fakeCloud([
      { name: 'main.py', content: '# main.py\n' },
      { name: 'utils/signals.py', content: '# old signals\n' },
      { name: 'utils/retired.py', content: '# retired\n' },
      { name: 'research.ipynb', content: null }
    ])
    const sources = [
      source('main.py'),
      source('research.ipynb', '{"cells": []}'),
      source('utils/new.py'),
      source('utils/signals.py')
    ]

    const report = await pushSources(api, PROJECT, sources)

    expect(cloud.contents()).toEqual(sources)
    expect(report).toEqual({
      created: ['utils/new.py'],
      updated: ['research.ipynb', 'utils/signals.py'],
      deleted: ['utils/retired.py'],
      unchanged: ['main.py'],
      skippedLibrary: []
    })
    expect(cloud.requests.filter((r) => r.endpoint === 'files/read')).toEqual([
      { endpoint: 'files/read' }
    ])
    expect(cloud.writes().map((r) => r.name)).not.toContain('main.py')
  })

  test('updates a file whose create is refused as already existing', async () => {
    // The listing misses the file: an earlier try created it, its answer lost.
    let refusals = 0
    const cloud = fakeCloud([{ name: 'late.py', content: '# half\n' }], {
      listing: [],
      refuse: (name) =>
        name === 'late.py' && refusals++ === 0
          ? [200, { success: false, errors: ['File already exists: late.py'] }]
          : undefined
    })

    const report = await pushSources(api, PROJECT, [source('late.py')])

    expect(report.created).toEqual(['late.py'])
    expect(cloud.requests.map((r) => r.endpoint)).toEqual([
      'files/read',
      'files/create',
      'files/update'
    ])
    expect(cloud.contents()).toEqual([source('late.py')])
  })

  test('logs one line per changed file and a count line', async () => {
    fakeCloud([{ name: 'old.py', content: 'x' }])

    await pushSources(api, PROJECT, [source('main.py')])

    const lines = printed.join('').split('\n')
    expect(lines).toContain('created main.py')
    expect(lines).toContain('deleted old.py')
    expect(lines).toContain(
      'Pushed to project 123: 1 created, 0 updated, 1 deleted, ' +
        '0 unchanged, 0 library files left alone.'
    )
  })

  test('leaves library files alone, even when the repository has one of that name', async () => {
    const library = [
      { name: 'Library/Tools/helpers.py', content: '# lib', isLibrary: true },
      { name: 'Library/Tools/shared.py', content: '# lib', isLibrary: true }
    ]
    const cloud = fakeCloud([
      ...library,
      { name: 'main.py', content: '# main.py\n' }
    ])

    const report = await pushSources(api, PROJECT, [
      source('main.py'),
      source('Library/Tools/shared.py', '# a local copy')
    ])

    expect(cloud.writes()).toEqual([])
    expect(report.skippedLibrary).toEqual([
      'Library/Tools/helpers.py',
      'Library/Tools/shared.py'
    ])
    expect(report.created).toEqual([])
    expect(cloud.files.get('Library/Tools/shared.py')?.content).toBe('# lib')
    expect(printed.join('')).toContain(
      '::warning::Not pushing Library/Tools/shared.py'
    )
  })

  test('sends nothing but the listing when every file is equal', async () => {
    const sources = [source('main.py'), source('utils/signals.py')]
    const cloud = fakeCloud(sources)

    const report = await pushSources(api, PROJECT, sources)

    expect(cloud.requests).toEqual([{ endpoint: 'files/read' }])
    expect(report.unchanged).toEqual(['main.py', 'utils/signals.py'])
    expect(report.created.length + report.updated.length).toBe(0)
    expect(report.deleted).toEqual([])
  })

  test('sends an empty file as its placeholder, and sees it unchanged next time', async () => {
    const cloud = fakeCloud([])
    const sources = [source('main.py'), source('utils/__init__.py', '')]

    const first = await pushSources(api, PROJECT, sources)
    const second = await pushSources(api, PROJECT, sources)

    expect(first.created).toEqual(['main.py', 'utils/__init__.py'])
    expect(cloud.files.get('utils/__init__.py')?.content).toBe(
      '# Empty in the repository; QuantConnect refuses empty files.\n'
    )
    expect(second.unchanged).toEqual(['main.py', 'utils/__init__.py'])
    expect(cloud.writes()).toHaveLength(2)
  })

  test.each([
    ['null', null],
    ['missing', undefined],
    ['not a list', 'oops']
  ])('reads a %s files list as an empty project', async (_kind, listing) => {
    const cloud = fakeCloud([], { listing })

    const report = await pushSources(api, PROJECT, [source('main.py')])

    expect(report.created).toEqual(['main.py'])
    expect(cloud.contents()).toEqual([source('main.py')])
  })

  test.each([
    [
      'an HTTP 413 quota refusal',
      [413, { success: false, errors: ['Too large'] }] as [number, object],
      'too large (HTTP 413'
    ],
    [
      'a locked project',
      [200, { success: false, errors: ['Project is locked by Ann.'] }] as [
        number,
        object
      ],
      'Project is locked by Ann'
    ]
  ])(
    'fails on %s, naming the file, and sends nothing more',
    async (_kind, refusal, reason) => {
      const cloud = fakeCloud([{ name: 'old.py', content: 'x' }], {
        refuse: (name) => (name === 'big.py' ? refusal : undefined)
      })
      const sources = ['a.py', 'big.py', 'c.py', 'd.py'].map((n) => source(n))

      const failure = pushSources(api, PROJECT, sources, { concurrency: 1 })

      await expect(failure).rejects.toBeInstanceOf(PushError)
      await expect(failure).rejects.toBeInstanceOf(ActionError)
      await expect(failure).rejects.toThrow(
        /^Pushing big\.py to project 123 failed: .+\. Nothing was compiled\./
      )
      await expect(failure).rejects.toThrow(reason)
      await expect(failure).rejects.toMatchObject({ file: 'big.py' })
      // Created in order, one at a time: nothing after big.py, no delete.
      expect(cloud.writes().map((r) => `${r.endpoint} ${r.name}`)).toEqual([
        'files/create a.py',
        'files/create big.py'
      ])
      expect(cloud.files.has('old.py')).toBe(true)
    }
  )

  test('waits for requests in flight before failing', async () => {
    const cloud = fakeCloud([], {
      delayMs: (name) => (name === 'slow.py' ? 50 : 0),
      refuse: (name) =>
        name === 'big.py' ? [413, { success: false }] : undefined
    })

    const failure = pushSources(
      api,
      PROJECT,
      [source('slow.py'), source('big.py'), source('z.py')],
      { concurrency: 2 }
    )

    await expect(failure).rejects.toThrow('Pushing big.py to project 123')
    expect(cloud.answered).toContain('files/create slow.py')
    expect(cloud.requests.map((r) => r.name)).not.toContain('z.py')
  })

  test('says how many changes were made before a failure', async () => {
    fakeCloud([], {
      refuse: (name) =>
        name === 'c.py' ? [413, { success: false }] : undefined
    })
    const sources = ['a.py', 'b.py', 'c.py'].map((n) => source(n))

    await expect(
      pushSources(api, PROJECT, sources, { concurrency: 1 })
    ).rejects.toThrow('2 of 3 changes were made before the push stopped')
  })

  test('fails naming the project when the listing is refused', async () => {
    const cloud = fakeCloud([], {
      refuse: () => [200, { success: false, errors: ['No access'] }]
    })

    const failure = pushSources(api, PROJECT, [source('main.py')])

    await expect(failure).rejects.toThrow(
      /^Reading the files of project 123 failed: QuantConnect refused files\/read: No access\..*Nothing was pushed or compiled\.$/
    )
    expect(cloud.writes()).toEqual([])
  })

  test('refuses to empty the project when the repository has no sources', async () => {
    const cloud = fakeCloud([{ name: 'main.py', content: 'x' }])

    await expect(pushSources(api, PROJECT, [])).rejects.toThrow(
      'pushing would empty project 123'
    )
    expect(cloud.requests).toEqual([])
  })

  test.each([1, 3, 5])(
    'keeps at most %i requests open at a time',
    async (concurrency) => {
      const stale = Array.from({ length: 6 }, (_, i) => ({
        name: `stale${i}.py`,
        content: 'x'
      }))
      const cloud = fakeCloud(stale, { delayMs: () => 20 })
      const sources = Array.from({ length: 12 }, (_, i) =>
        source(`f${String(i).padStart(2, '0')}.py`)
      )

      await pushSources(api, PROJECT, sources, { concurrency })

      expect(cloud.writes()).toHaveLength(18)
      expect(cloud.maxInFlight()).toBe(concurrency)
      expect(cloud.contents()).toEqual(sources)
    }
  )

  test('deletes only after every create and update is answered', async () => {
    const cloud = fakeCloud(
      [
        { name: 'changed.py', content: 'x' },
        { name: 'stale1.py', content: 'x' },
        { name: 'stale2.py', content: 'x' }
      ],
      { delayMs: () => 20 }
    )

    await pushSources(api, PROJECT, [source('changed.py'), source('new.py')], {
      concurrency: 8
    })

    const lastWrite = Math.max(
      cloud.events.lastIndexOf('answer files/create'),
      cloud.events.lastIndexOf('answer files/update')
    )
    expect(cloud.events.indexOf('request files/delete')).toBeGreaterThan(
      lastWrite
    )
    expect(cloud.files.size).toBe(2)
  })

  test('keeps at most 4 requests open by default', async () => {
    const cloud = fakeCloud([], { delayMs: () => 20 })
    const sources = Array.from({ length: 10 }, (_, i) =>
      source(`f${String(i).padStart(2, '0')}.py`)
    )

    await pushSources(api, PROJECT, sources)

    expect(cloud.maxInFlight()).toBe(4)
  })
})

describe('uploadContent', () => {
  test.each([
    ['main.py', /^# Empty in the repository; .+\n$/],
    ['Alpha.cs', /^\/\/ Empty in the repository; .+\n$/],
    ['site/style.css', /^\/\* Empty in the repository; .+ \*\/\n$/],
    ['site/page.html', /^<!-- Empty in the repository; .+ -->\n$/],
    ['UPPER.PY', /^# Empty/]
  ])('sends an empty %s as a comment', (name, expected) => {
    expect(uploadContent(name, '')).toMatch(expected)
  })

  test('sends an empty notebook as a valid notebook with no cells', () => {
    const notebook = JSON.parse(uploadContent('research.ipynb', '')) as {
      cells: unknown[]
      nbformat: number
    }

    expect(notebook.cells).toEqual([])
    expect(notebook.nbformat).toBe(4)
  })

  test.each(['main.py', 'research.ipynb', 'other.txt'])(
    'never sends %s empty, and leaves content alone',
    (name) => {
      expect(uploadContent(name, '').length).toBeGreaterThan(0)
      expect(uploadContent(name, ' ')).toBe(' ')
      expect(uploadContent(name, 'x = 1\n')).toBe('x = 1\n')
    }
  )
})

describe('planPush', () => {
  const lib = { name: 'Library/l.py', content: 'l', isLibrary: true }

  test.each([
    [
      'a cloud name with a leading slash matches',
      [{ name: '/main.py', content: 'a' }],
      [source('main.py', 'a')],
      { unchanged: ['main.py'] }
    ],
    [
      'a null cloud content differs from a placeholder',
      [{ name: 'e.py', content: null }],
      [source('e.py', '')],
      { updated: ['e.py'] }
    ],
    [
      'a library file is neither deleted nor updated',
      [lib],
      [source('main.py')],
      { created: ['main.py'], skippedLibrary: ['Library/l.py'] }
    ]
  ])('%s', (_case, cloud, sources, expected) => {
    const { report } = planPush(cloud, sources)

    expect(report).toEqual({
      created: [],
      updated: [],
      deleted: [],
      unchanged: [],
      skippedLibrary: [],
      ...expected
    })
  })

  test('deletes only cloud files a push manages', () => {
    const { report } = planPush(
      [
        { name: 'old.py', content: 'x' },
        { name: 'utils/report/fmt.py', content: 'x' },
        { name: 'bin/tool.cs', content: 'x' },
        { name: '.hidden/notes.py', content: 'x' },
        { name: 'data/prices.csv', content: 'x' }
      ],
      [source('main.py')]
    )

    expect(report.deleted).toEqual(['old.py'])
  })

  test('deletes a file by the name the cloud gave it', () => {
    const { changes } = planPush(
      [{ name: '/old.py', content: 'x' }],
      [source('main.py')]
    )

    expect(changes).toContainEqual({ kind: 'deleted', name: '/old.py' })
  })
})
