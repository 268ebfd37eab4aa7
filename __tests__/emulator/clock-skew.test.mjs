import { describe, test, expect, afterEach } from '@jest/globals'
import { startEmulator } from '../../emulator/server.mjs'
import { call, nowSeconds } from './client.mjs'

const HOURS_3 = 3 * 60 * 60

/** @type {Awaited<ReturnType<typeof startEmulator>> | undefined} */
let emulator

afterEach(async () => {
  await emulator?.close()
  emulator = undefined
})

describe('clockSkewSeconds', () => {
  test.each([
    ['ahead', HOURS_3],
    ['behind', -HOURS_3]
  ])(
    'a clock 3 h %s refuses a request signed now with HTTP 401',
    async (_, skew) => {
      emulator = await startEmulator({ clockSkewSeconds: skew })
      const answer = await call(emulator, 'authenticate')
      expect(answer.status).toBe(401)
      expect(answer.json.errors[0]).toBe(
        'Key is missing, invalid, or timestamp is too old for hash'
      )
      expect(emulator.requests.at(-1)).toMatchObject({
        status: 401,
        signed: false
      })
    }
  )

  test('moves the clock rather than closing the window', async () => {
    emulator = await startEmulator({ clockSkewSeconds: HOURS_3 })
    const onItsClock = { timestamp: nowSeconds() + HOURS_3 }
    const answer = await call(emulator, 'authenticate', {}, onItsClock)
    expect(answer.json).toEqual({ success: true, errors: [] })
  })

  test('a skew inside the window changes nothing', async () => {
    emulator = await startEmulator({ clockSkewSeconds: -600 })
    const answer = await call(emulator, 'authenticate')
    expect(answer.json.success).toBe(true)
  })

  test('adds to a narrower window', async () => {
    emulator = await startEmulator({
      clockSkewSeconds: 30,
      timestampWindowSeconds: 20
    })
    expect((await call(emulator, 'authenticate')).status).toBe(401)
    const late = { timestamp: nowSeconds() + 25 }
    expect((await call(emulator, 'authenticate', {}, late)).status).toBe(200)
  })
})
