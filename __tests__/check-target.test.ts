import { describe, expect, test } from '@jest/globals'
import { readCheckTarget } from '../src/report/check-target.js'

const HEAD = 'a'.repeat(40)
const MERGE = 'b'.repeat(40)
const PAYLOAD = JSON.stringify({ pull_request: { head: { sha: HEAD } } })

/** Reads only the event payload at /event.json. */
function reader(payload: string) {
  return (file: string): string => {
    if (file !== '/event.json') {
      throw new Error(`ENOENT: ${file}`)
    }
    return payload
  }
}

const base = {
  GITHUB_REPOSITORY: 'octo/algos',
  GITHUB_EVENT_PATH: '/event.json',
  GITHUB_SHA: MERGE
}

describe('readCheckTarget', () => {
  test.each([
    ['pull_request', PAYLOAD, HEAD],
    ['pull_request_target', PAYLOAD, HEAD],
    ['pull_request_review', PAYLOAD, HEAD],
    ['push', JSON.stringify({ after: MERGE }), MERGE],
    ['workflow_dispatch', '{}', MERGE],
    ['push', 'not json', MERGE]
  ])('on %s with payload %s: commit %s', (event, payload, sha) => {
    const target = readCheckTarget(
      { ...base, GITHUB_EVENT_NAME: event },
      reader(payload)
    )

    expect(target).toEqual({ owner: 'octo', repo: 'algos', headSha: sha })
  })

  test.each([
    [{ GITHUB_REPOSITORY: undefined }, /GITHUB_REPOSITORY is ""/],
    [{ GITHUB_REPOSITORY: 'octo' }, /GITHUB_REPOSITORY is "octo"; expected/],
    [{ GITHUB_REPOSITORY: 'a/b/c' }, /GITHUB_REPOSITORY is "a\/b\/c"/],
    [
      {
        GITHUB_EVENT_NAME: 'push',
        GITHUB_EVENT_PATH: undefined,
        GITHUB_SHA: undefined
      },
      /GITHUB_SHA is ""/
    ],
    [
      {
        GITHUB_EVENT_NAME: 'push',
        GITHUB_EVENT_PATH: undefined,
        GITHUB_SHA: 'main'
      },
      /GITHUB_SHA is "main"/
    ],
    [
      { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: '/missing' },
      /Could not read the event payload at \/missing \(ENOENT/
    ],
    [
      { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: undefined },
      /GITHUB_EVENT_PATH is not set on a pull_request event/
    ]
  ])('%j throws %s', (overrides, message) => {
    expect(() =>
      readCheckTarget(
        { ...base, GITHUB_EVENT_NAME: 'pull_request', ...overrides },
        reader(PAYLOAD)
      )
    ).toThrow(message)
  })

  test('a pull request payload without a head sha throws, not GITHUB_SHA', () => {
    expect(() =>
      readCheckTarget(
        { ...base, GITHUB_EVENT_NAME: 'pull_request' },
        reader(JSON.stringify({ pull_request: { number: 3 } }))
      )
    ).toThrow(/pull_request event payload at \/event.json has no/)
  })
})
