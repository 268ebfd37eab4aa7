import { describe, test, expect } from '@jest/globals'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { call, nowSeconds, post } from './client.mjs'

/**
 * Starts the CLI and resolves with the process and the first stdout line.
 *
 * @param {string[]} args
 */
async function startCli(args) {
  const child = spawn(process.execPath, ['emulator/server.mjs', ...args], {
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stderr.setEncoding('utf8').on('data', (text) => (stderr += text))
  const firstLine = await new Promise((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (text) => {
      stdout += text
      if (stdout.includes('\n')) resolve(stdout.split('\n')[0])
    })
    child.once('exit', (code) =>
      reject(new Error(`emulator exited with ${code}: ${stderr}`))
    )
  })
  return { child, firstLine, stderr: () => stderr }
}

describe('command line', () => {
  test('serves the given projects and users until SIGTERM', async () => {
    const { child, firstLine } = await startCli([
      '--project',
      '1001=examples/python-momentum',
      '--project',
      '1003=examples/csharp-meanreversion',
      '--user',
      '7:secret:with-colon',
      '--compile-seconds',
      '0.1',
      '--port',
      '0'
    ])
    try {
      const match =
        /^QuantConnect emulator listening on (http:\/\/127\.0\.0\.1:\d+\/api\/v2)$/.exec(
          firstLine
        )
      expect(match).not.toBeNull()
      const emulator = { url: /** @type {string[]} */ (match)[1] }
      const user = { userId: '7', token: 'secret:with-colon' }

      const auth = await call(emulator, 'authenticate', {}, { user })
      expect(auth.json.success).toBe(true)
      const refused = await call(emulator, 'authenticate')
      expect(refused.json.success).toBe(false)

      const files = await call(
        emulator,
        'files/read',
        { projectId: 1003 },
        { user }
      )
      expect(files.json.files.map((f) => f.name)).toEqual([
        'Main.cs',
        'PositionSizer.cs'
      ])
    } finally {
      child.kill('SIGTERM')
    }
    const [code] = await once(child, 'exit')
    expect(code).toBe(0)
  })

  test('loads a scenario file', async () => {
    const { child, firstLine } = await startCli([
      '--project',
      '5=examples/python-momentum',
      '--scenario',
      'examples/csharp-meanreversion/scenario.json',
      '--compile-seconds',
      '0'
    ])
    try {
      const url = firstLine.replace('QuantConnect emulator listening on ', '')
      const created = await post({ url }, 'compile/create', { projectId: 5 })
      expect(created.parameters[0].file).toBe('Main.cs')
      const done = await post({ url }, 'compile/read', {
        projectId: 5,
        compileId: created.compileId
      })
      expect(done.state).toBe('BuildError')
    } finally {
      child.kill('SIGTERM')
    }
    await once(child, 'exit')
  })

  test.each([
    [['--clock-skew', '10800'], 10800],
    [['--clock-skew=-10800'], -10800]
  ])('%j sets the emulator clock off', async (args, skew) => {
    const { child, firstLine } = await startCli(args)
    try {
      const url = firstLine.replace('QuantConnect emulator listening on ', '')
      const now = await call({ url }, 'authenticate')
      expect(now.status).toBe(401)
      const timestamp = nowSeconds() + skew
      const shifted = await call({ url }, 'authenticate', {}, { timestamp })
      expect(shifted.json.success).toBe(true)
    } finally {
      child.kill('SIGTERM')
    }
    await once(child, 'exit')
  })

  test.each([
    [['--project', 'momentum'], /--project wants ID=FOLDER/],
    [['--user', 'nocolon'], /--user wants USERID:TOKEN/],
    [['--compile-seconds', 'soon'], /--compile-seconds wants a number/],
    [['--clock-skew', 'soon'], /--clock-skew wants a number of seconds/],
    [['--clock-skew', '-60'], /--clock-skew=-XYZ/],
    [['--frobnicate'], /Unknown option/]
  ])('refuses %j', async (args, message) => {
    const child = spawn(process.execPath, ['emulator/server.mjs', ...args], {
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (text) => (stderr += text))
    const [code] = await once(child, 'exit')
    expect(code).toBe(1)
    expect(stderr).toMatch(message)
  })
})
