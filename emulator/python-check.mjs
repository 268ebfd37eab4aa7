/**
 * Runs lean_compile.py in one python child process per compile.
 */

import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const SCRIPT = fileURLToPath(new URL('./lean_compile.py', import.meta.url))

/** A compile script that runs longer than this is stopped. */
const TIMEOUT_MS = 30_000

/**
 * @typedef {{ file: string, line: number, column: number, message: string }} SyntaxProblem
 * @typedef {{ file: string, parameters: { line: number, type: string }[] }} FileParameters
 * @typedef {{ errors: SyntaxProblem[], parameters: FileParameters[] }} PythonReport
 */

/**
 * Compiles the Python files and detects parameters. Answers `null` when the
 * interpreter cannot be started at all, so the caller can accept the files.
 *
 * @param {string} python the interpreter to run
 * @param {{ name: string, content: string }[]} files
 * @param {Set<import('node:child_process').ChildProcess>} children
 *   running children, so closing the emulator can stop them
 * @returns {Promise<PythonReport | null>}
 */
export function checkPython(python, files, children) {
  return new Promise((resolve, reject) => {
    const child = spawn(python, ['-I', '-B', SCRIPT], {
      stdio: ['pipe', 'pipe', 'pipe']
    })
    children.add(child)
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS)
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (text) => (stdout += text))
    child.stderr.setEncoding('utf8').on('data', (text) => (stderr += text))

    child.on('error', (error) => {
      clearTimeout(timer)
      children.delete(child)
      if (/** @type {NodeJS.ErrnoException} */ (error).code === 'ENOENT') {
        resolve(null)
      } else {
        reject(error)
      }
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      children.delete(child)
      if (code !== 0) {
        const why = signal ? `signal ${signal}` : `exit code ${code}`
        reject(new Error(`lean_compile.py failed with ${why}: ${stderr}`))
        return
      }
      try {
        resolve(JSON.parse(stdout))
      } catch {
        reject(new Error(`lean_compile.py answered no JSON: ${stdout}`))
      }
    })

    // A child that died at once closes stdin; its 'error' event says why.
    child.stdin.on('error', () => {})
    child.stdin.end(JSON.stringify({ files }))
  })
}
