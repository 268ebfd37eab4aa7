import {
  afterEach,
  beforeEach,
  describe,
  expect,
  jest,
  test
} from '@jest/globals'
import { compileProject } from '../src/compile.js'
import { Deadline } from '../src/deadline.js'
import { DeadlineError } from '../src/errors.js'
import { ApiError, TransientError } from '../src/quantconnect/errors.js'
import type { QuantConnectClient } from '../src/quantconnect/client.js'

/*
 * The compile flow on a simulated clock: sleeping advances it, answers come
 * from a script, nothing touches the network.
 */

type Answer = Record<string, unknown> | Error

let clock = 0
const now = () => clock
const sleep = async (ms: number) => {
  clock += ms
}

/** A client whose answers to compile/read follow `reads`, one per call. */
function scripted(reads: Answer[], created: Record<string, unknown> = {}) {
  const calls: { endpoint: string; at: number }[] = []
  const client = {
    post: async (
      endpoint: string,
      body: object,
      shape: { parse: (v: unknown) => unknown }
    ) => {
      calls.push({ endpoint, at: clock })
      const answer =
        endpoint === 'compile/create'
          ? { compileId: 'c-1', state: 'InQueue', parameters: null, ...created }
          : (reads.shift() ?? { state: 'InQueue' })
      if (answer instanceof Error) {
        throw answer
      }
      void body
      return shape.parse(answer)
    }
  }
  return { client: client as unknown as QuantConnectClient, calls }
}

beforeEach(() => {
  clock = 0
  jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
})

afterEach(() => {
  jest.restoreAllMocks()
})

describe('compileProject', () => {
  test('polls until BuildSuccess and keeps the log and parameters', async () => {
    const { client, calls } = scripted(
      [{ state: 'InQueue' }, { state: 'BuildSuccess', logs: ['ok'] }],
      {
        signature: 's',
        parameters: [
          { file: 'main.py', parameters: [{ line: 3, type: '2 x' }] }
        ]
      }
    )

    const result = await compileProject(client, 7, {
      deadline: new Deadline(60_000, now),
      now,
      sleep
    })

    expect(result).toMatchObject({
      compileId: 'c-1',
      state: 'BuildSuccess',
      signature: 's',
      logs: ['ok'],
      reads: 2,
      finished: true
    })
    expect(result.parameters).toEqual([
      { cloudFile: 'main.py', line: 3, description: '2 x', count: 2 }
    ])
    expect(calls.map((call) => call.endpoint)).toEqual([
      'compile/create',
      'compile/read',
      'compile/read'
    ])
  })

  test('an unknown state counts as still running', async () => {
    const { client } = scripted([
      { state: 'Building' },
      { state: null },
      { state: 'BuildError', logs: ['boom'] }
    ])

    const result = await compileProject(client, 7, {
      deadline: new Deadline(60_000, now),
      now,
      sleep
    })

    expect(result.state).toBe('BuildError')
    expect(result.reads).toBe(3)
  })

  test('reads once more just before the deadline instead of sleeping past it', async () => {
    const { client, calls } = scripted([])

    const result = await compileProject(client, 7, {
      deadline: new Deadline(3_700, now),
      now,
      sleep
    })

    const lastRead = calls.at(-1)?.at ?? 0
    expect(result.finished).toBe(false)
    expect(result.state).toBe('InQueue')
    // The schedule's next read (3.78 s) would fall past the deadline.
    expect(lastRead).toBeGreaterThanOrEqual(3_200)
    expect(lastRead).toBeLessThanOrEqual(3_700)
  })

  test('keeps polling through failed reads and says why at the deadline', async () => {
    const outage = new TransientError(
      'compile/read answered HTTP 502',
      'compile/read'
    )
    const { client } = scripted([outage, outage, { state: 'BuildSuccess' }])

    const result = await compileProject(client, 7, {
      deadline: new Deadline(60_000, now),
      now,
      sleep
    })

    expect(result.state).toBe('BuildSuccess')
    expect(result.finished).toBe(true)

    const { client: down } = scripted(Array(100).fill(outage))
    const failed = await compileProject(down, 7, {
      deadline: new Deadline(10_000, now),
      now,
      sleep
    })
    expect(failed.finished).toBe(false)
    expect(failed.lastFailure).toBe('compile/read answered HTTP 502')
  })

  test('a read cut off by the deadline still says why it failed', async () => {
    const cutOff = new DeadlineError(
      'no usable answer',
      'compile/read answered HTTP 502 with an empty body'
    )
    const { client } = scripted(Array(100).fill(cutOff))

    const result = await compileProject(client, 7, {
      deadline: new Deadline(6_000, now),
      now,
      sleep
    })

    expect(result.finished).toBe(false)
    expect(result.lastFailure).toBe(
      'compile/read answered HTTP 502 with an empty body'
    )
  })

  test('a refusal while polling is final', async () => {
    const { client, calls } = scripted([
      new ApiError(
        'QuantConnect refused compile/read: Compile id not found',
        'compile/read'
      )
    ])

    await expect(
      compileProject(client, 7, {
        deadline: new Deadline(60_000, now),
        now,
        sleep
      })
    ).rejects.toThrow('Compile id not found')
    expect(calls).toHaveLength(2)
  })

  test('tells the compile id as soon as it exists', async () => {
    const { client } = scripted([{ state: 'BuildSuccess' }])
    const seen: string[] = []

    await compileProject(client, 7, {
      deadline: new Deadline(60_000, now),
      now,
      sleep,
      onCreated: (id) => seen.push(id)
    })

    expect(seen).toEqual(['c-1'])
  })
})
