/**
 * The emulator most tests run against: the three example projects plus two
 * scratch projects that tests may edit.
 */

import { startEmulator } from '../../emulator/server.mjs'
import { USER } from './client.mjs'

export const MOMENTUM = 1001
export const BROKEN = 1002
export const CSHARP = 1003
/** A one-file Python project that tests edit. */
export const SCRATCH_PY = 2001
/** A one-file C# project without a scenario. */
export const SCRATCH_CS = 2002
export const SECOND_USER = { userId: '7', token: 'second-token' }

export function startExamples() {
  return startEmulator({
    projects: [
      { id: MOMENTUM, folder: 'examples/python-momentum' },
      { id: BROKEN, folder: 'examples/python-broken' },
      { id: CSHARP, folder: 'examples/csharp-meanreversion' },
      { id: SCRATCH_PY, files: [{ name: 'main.py', content: 'x = 1\n' }] },
      { id: SCRATCH_CS, files: [{ name: 'Main.cs', content: 'class A {}\n' }] }
    ],
    users: [USER, SECOND_USER],
    compileSeconds: 0.2
  })
}
