import { describe, expect, test } from '@jest/globals'
import { signRequest } from '../src/quantconnect/signing.js'

describe('signRequest', () => {
  test('hashes token:timestamp and sends userId:hash as Basic credentials', () => {
    // Expected values computed independently with Python's hashlib.
    const headers = signRequest('42', 'tok-123', 1_700_000_000_999)

    expect(headers.Timestamp).toBe('1700000000')
    expect(headers.Authorization).toBe(
      'Basic NDI6Mjg5NTg0NTNmZjRhYTQ3Y2ZhZWU4NjA5NjE4YTRlMDY4YjM5ZGRhZWZiZGIyODdlODQ2NmMyNWEzY2NhODU0Nw=='
    )
  })

  test('signs each moment afresh', () => {
    const first = signRequest('42', 'tok-123', 1_700_000_000_000)
    const later = signRequest('42', 'tok-123', 1_700_000_001_000)

    expect(later.Timestamp).toBe('1700000001')
    expect(later.Authorization).not.toBe(first.Authorization)
  })
})
