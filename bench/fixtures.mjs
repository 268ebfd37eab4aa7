/**
 * What every measure shares: the bench's QuantConnect user, emulators that
 * accept it, and the inputs or arguments that point a client at one.
 */

import { startEmulator } from '../emulator/server.mjs'

export const USER_ID = '42'
export const API_TOKEN = 'bench-api-token-0c5e81f2a9d4'

/** A cloud project the emulator never runs Python for (C# is not compiled). */
export const PROJECT_ID = 7001
export const CSHARP_PROJECT = {
  id: PROJECT_ID,
  name: 'bench-csharp',
  files: [
    {
      name: 'Main.cs',
      content:
        'namespace QuantConnect.Algorithm.CSharp\n{\n' +
        '    public class BenchAlgorithm : QCAlgorithm { }\n}\n'
    }
  ]
}

/**
 * An emulator that knows the bench's user; `projects` defaults to the C#
 * project.
 *
 * @param {import('../emulator/server.mjs').EmulatorOptions} [options]
 */
export function startBenchEmulator(options = {}) {
  return startEmulator({
    projects: [CSHARP_PROJECT],
    users: [{ userId: USER_ID, token: API_TOKEN }],
    ...options
  })
}

/**
 * The action's inputs for compiling `projectId` on `emulator`.
 *
 * @param {{ url: string }} emulator
 * @param {Record<string, string>} [more]
 * @param {number} [projectId]
 */
export function stepInputs(emulator, more = {}, projectId = PROJECT_ID) {
  return {
    'project-id': String(projectId),
    'user-id': USER_ID,
    'api-token': API_TOKEN,
    'base-url': emulator.url,
    ...more
  }
}

/**
 * Command-line arguments and environment for the bench's own clients
 * (bench/api-client.mjs reads them); the token goes in the environment.
 *
 * @param {{ url: string }} emulator
 * @param {number} [projectId]
 */
export function clientSetup(emulator, projectId = PROJECT_ID) {
  return {
    args: ['--base-url', emulator.url, '--project-id', String(projectId)],
    env: { QC_USER_ID: USER_ID, QC_API_TOKEN: API_TOKEN }
  }
}

/**
 * The requests `emulator` received for one endpoint (or a prefix such as
 * `files/`).
 *
 * @param {{ requests: import('../emulator/router.mjs').RequestRecord[] }} emulator
 * @param {string} endpoint
 */
export function requestsTo(emulator, endpoint) {
  return emulator.requests.filter((request) =>
    endpoint.endsWith('/')
      ? request.endpoint.startsWith(endpoint)
      : request.endpoint === endpoint
  )
}
