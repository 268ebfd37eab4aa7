import { describe, test, expect } from '@jest/globals'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmulator } from '../../emulator/server.mjs'
import { call, post } from './client.mjs'

const PROJECT = { id: 1, files: [{ name: 'main.py', content: 'x = 1\n' }] }

/**
 * Runs a test against an emulator with the given faults, then closes it.
 *
 * @param {object[]} faults
 * @param {(emulator: Awaited<ReturnType<typeof startEmulator>>) => Promise<void>} body
 */
async function withFaults(faults, body) {
  const emulator = await startEmulator({
    projects: [PROJECT],
    compileSeconds: 0,
    scenario: { faults }
  })
  try {
    await body(emulator)
  } finally {
    await emulator.close()
  }
}

/** @param {Awaited<ReturnType<typeof startEmulator>>} emulator @param {string} endpoint */
function statusesOf(emulator, endpoint) {
  return emulator.requests
    .filter((r) => r.endpoint === endpoint)
    .map((r) => [r.number, r.status])
}

describe('scenario faults', () => {
  test('fail only the numbered request, counting faulted ones too', async () => {
    const fault = { endpoint: 'compile/read', request: 2, status: 503 }
    await withFaults([fault], async (emulator) => {
      const { compileId } = await post(emulator, 'compile/create', {
        projectId: 1
      })
      const body = { projectId: 1, compileId }
      const answers = []
      for (let i = 0; i < 3; i++) {
        answers.push(await call(emulator, 'compile/read', body))
      }
      expect(answers.map((a) => a.status)).toEqual([200, 503, 200])
      expect(answers[1].json.success).toBe(false)
      expect(answers[2].json.state).toBe('BuildSuccess')
      expect(statusesOf(emulator, 'compile/read')).toEqual([
        [1, 200],
        [2, 503],
        [3, 200]
      ])
      expect(statusesOf(emulator, 'compile/create')).toEqual([[1, 200]])
    })
  })

  test('times stretches a fault over consecutive requests', async () => {
    const fault = {
      endpoint: 'authenticate',
      request: 2,
      times: 2,
      status: 500
    }
    await withFaults([fault], async (emulator) => {
      const statuses = []
      for (let i = 0; i < 5; i++) {
        statuses.push((await call(emulator, 'authenticate')).status)
      }
      expect(statuses).toEqual([200, 500, 500, 200, 200])
    })
  })

  test('without request or times a fault hits every request', async () => {
    await withFaults(
      [{ endpoint: 'authenticate', status: 502 }],
      async (emulator) => {
        for (let i = 0; i < 3; i++) {
          expect((await call(emulator, 'authenticate')).status).toBe(502)
        }
        expect(
          (await call(emulator, 'projects/read', { projectId: 1 })).status
        ).toBe(200)
      }
    )
  })

  test('an empty body', async () => {
    await withFaults(
      [{ endpoint: 'authenticate', body: '' }],
      async (emulator) => {
        const answer = await call(emulator, 'authenticate')
        expect(answer.status).toBe(200)
        expect(answer.text).toBe('')
      }
    )
  })

  test('an HTML page from a proxy', async () => {
    const page = '<html><body><h1>502 Bad Gateway</h1></body></html>'
    const fault = { endpoint: 'compile/create', status: 502, body: page }
    await withFaults([fault], async (emulator) => {
      const answer = await call(emulator, 'compile/create', { projectId: 1 })
      expect(answer.status).toBe(502)
      expect(answer.text).toBe(page)
      expect(answer.headers.get('content-type')).toMatch(/^text\/html/)
      expect(answer.json).toBeUndefined()
    })
  })

  test('Retry-After as seconds and as a date', async () => {
    const faults = [
      { endpoint: 'authenticate', request: 1, status: 429, retryAfter: 3 },
      {
        endpoint: 'authenticate',
        request: 2,
        status: 503,
        retryAfter: 'Wed, 21 Oct 2015 07:28:00 GMT'
      }
    ]
    await withFaults(faults, async (emulator) => {
      const first = await call(emulator, 'authenticate')
      expect(first.status).toBe(429)
      expect(first.headers.get('retry-after')).toBe('3')
      const second = await call(emulator, 'authenticate')
      expect(second.headers.get('retry-after')).toBe(
        'Wed, 21 Oct 2015 07:28:00 GMT'
      )
      expect(
        (await call(emulator, 'authenticate')).headers.get('retry-after')
      ).toBeNull()
    })
  })

  test('success false with errors and messages, and a raw JSON answer', async () => {
    const faults = [
      {
        endpoint: 'compile/create',
        request: 1,
        success: false,
        errors: ['Busy']
      },
      { endpoint: 'compile/create', request: 2, messages: ['Try later'] },
      {
        endpoint: 'compile/create',
        request: 3,
        json: { Message: 'odd shape' }
      },
      {
        endpoint: 'compile/create',
        request: 4,
        contentType: 'text/plain',
        body: 'nope'
      }
    ]
    await withFaults(faults, async (emulator) => {
      const body = { projectId: 1 }
      const first = await call(emulator, 'compile/create', body)
      expect(first.status).toBe(200)
      expect(first.json).toEqual({ success: false, errors: ['Busy'] })
      const second = await call(emulator, 'compile/create', body)
      expect(second.json.messages).toEqual(['Try later'])
      expect(second.json.success).toBe(false)
      expect((await call(emulator, 'compile/create', body)).json).toEqual({
        Message: 'odd shape'
      })
      const fourth = await call(emulator, 'compile/create', body)
      expect(fourth.headers.get('content-type')).toBe('text/plain')
      expect(fourth.text).toBe('nope')
      expect((await call(emulator, 'compile/create', body)).json.state).toBe(
        'InQueue'
      )
    })
  })

  test('a delay alone answers normally, late', async () => {
    const fault = { endpoint: 'authenticate', request: 1, delayMs: 400 }
    await withFaults([fault], async (emulator) => {
      const start = Date.now()
      const answer = await call(emulator, 'authenticate')
      expect(Date.now() - start).toBeGreaterThanOrEqual(390)
      expect(answer.json).toEqual({ success: true, errors: [] })
    })
  })

  test('a delay with a status answers the fault, late', async () => {
    const fault = { endpoint: 'authenticate', delayMs: 300, status: 504 }
    await withFaults([fault], async (emulator) => {
      const start = Date.now()
      expect((await call(emulator, 'authenticate')).status).toBe(504)
      expect(Date.now() - start).toBeGreaterThanOrEqual(290)
    })
  })

  test('a hung request is cut off at once by close()', async () => {
    const emulator = await startEmulator({
      projects: [PROJECT],
      scenario: { faults: [{ endpoint: 'compile/read', hang: true }] }
    })
    const pending = call(emulator, 'compile/read', {
      projectId: 1,
      compileId: 'x'
    })
    const outcome = pending.then(
      () => 'answered',
      () => 'failed'
    )
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(emulator.requests.at(-1)).toMatchObject({
      endpoint: 'compile/read',
      status: null
    })

    const start = Date.now()
    await emulator.close()
    expect(await outcome).toBe('failed')
    expect(Date.now() - start).toBeLessThan(1000)
  })

  test('faults apply before signing is checked', async () => {
    const fault = { endpoint: 'authenticate', request: 1, status: 503 }
    await withFaults([fault], async (emulator) => {
      const unsigned = { headers: { Authorization: '', Timestamp: '' } }
      expect((await call(emulator, 'authenticate', {}, unsigned)).status).toBe(
        503
      )
      expect((await call(emulator, 'authenticate', {}, unsigned)).status).toBe(
        401
      )
    })
  })
})

describe('scenario checks', () => {
  test.each([
    [{ fault: [] }, /unknown key fault/],
    [{ compile: { state: 'Done' } }, /state must be one of/],
    [{ faults: [{ status: 500 }] }, /endpoint must name an endpoint/],
    [
      { faults: [{ endpoint: 'x', request: 0 }] },
      /request must be a whole number/
    ],
    [{ faults: [{ endpoint: 'x', hangs: true }] }, /unknown key hangs/]
  ])('refuses %j', async (scenario, message) => {
    await expect(startEmulator({ scenario })).rejects.toThrow(message)
  })

  test('reads a scenario from a JSON file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'qc-emulator-'))
    try {
      const file = join(dir, 'scenario.json')
      await writeFile(
        file,
        JSON.stringify({
          compileSeconds: 0,
          compile: { state: 'BuildError', logs: ['Build Error: {projectId}'] }
        })
      )
      const emulator = await startEmulator({
        projects: [PROJECT],
        scenario: file
      })
      try {
        const { compileId } = await post(emulator, 'compile/create', {
          projectId: 1
        })
        const done = await post(emulator, 'compile/read', {
          projectId: 1,
          compileId
        })
        expect(done).toMatchObject({
          state: 'BuildError',
          logs: ['Build Error: 1']
        })
      } finally {
        await emulator.close()
      }
    } finally {
      await rm(dir, { recursive: true })
    }
  })

  test('a project scenario may not hold faults', async () => {
    const project = { ...PROJECT, scenario: { faults: [] } }
    await expect(startEmulator({ projects: [project] })).rejects.toThrow(
      /faults apply to the whole emulator/
    )
  })
})
