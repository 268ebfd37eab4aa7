/**
 * The network between a runner and the outside world, on loopback: a
 * throwaway certificate authority (made with the `openssl` CLI), TLS
 * terminators that serve made-up host names in front of plain HTTP servers,
 * and a forward proxy that records where each request was headed.
 */

import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServer as createTlsServer } from 'node:tls'

/**
 * A CA and one server certificate for `hosts`, in a temporary folder:
 * `caFile` is for NODE_EXTRA_CA_CERTS; `remove()` deletes the folder.
 *
 * @param {string[]} hosts
 */
export function makeCertificates(hosts) {
  const folder = mkdtempSync(join(tmpdir(), 'qc-tls-'))
  const file = (/** @type {string} */ name) => join(folder, name)
  /** @param {string} command arguments separated by single spaces */
  const openssl = (command) => {
    try {
      execFileSync('openssl', command.split(' '), {
        cwd: folder,
        stdio: 'pipe'
      })
    } catch (error) {
      rmSync(folder, { recursive: true, force: true })
      const missing = /** @type {any} */ (error).code === 'ENOENT'
      throw new Error(
        missing
          ? 'The proxy tests need the openssl command line tool: install ' +
              'it (apt-get install openssl; GitHub runners have it).'
          : `openssl ${command} failed: ${error}`,
        { cause: error }
      )
    }
  }
  const newKey = '-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes'

  openssl(
    `req -x509 ${newKey} -days 1 -keyout ca.key -out ca.pem ` +
      '-subj /CN=throwaway-test-ca ' +
      '-addext basicConstraints=critical,CA:TRUE ' +
      '-addext keyUsage=critical,keyCertSign,cRLSign'
  )
  openssl(
    `req -new ${newKey} -keyout server.key -out server.csr -subj /CN=${hosts[0]}`
  )
  writeFileSync(
    file('server.ext'),
    `subjectAltName=${hosts.map((host) => `DNS:${host}`).join(',')}\n` +
      'basicConstraints=CA:FALSE\n' +
      'keyUsage=critical,digitalSignature\n' +
      'extendedKeyUsage=serverAuth\n'
  )
  openssl(
    'x509 -req -in server.csr -days 1 -CA ca.pem -CAkey ca.key ' +
      '-CAcreateserial -extfile server.ext -out server.pem'
  )

  return {
    caFile: file('ca.pem'),
    key: readFileSync(file('server.key')),
    cert: readFileSync(file('server.pem')),
    remove: () => rmSync(folder, { recursive: true, force: true })
  }
}

/**
 * Serves TLS with `key` and `cert` on a loopback port and passes the
 * decrypted bytes to the plain HTTP server at `targetPort`.
 *
 * @param {{ key: Buffer, cert: Buffer, targetPort: number }} options
 */
export async function startTlsTerminator({ key, cert, targetPort }) {
  const server = createTlsServer({ key, cert }, (socket) => {
    pipeBothWays(socket, connect(targetPort, '127.0.0.1'))
  })
  return listen(server)
}

/**
 * A forward proxy: answers CONNECT by piping to the loopback port that
 * `routes` gives for `host:port`, whatever DNS would say. `seen` lists
 * each target (`qc.test:443`) in order; an unknown target, and any request
 * that is not a CONNECT, gets HTTP 502.
 *
 * @param {Record<string, number>} routes
 */
export async function startProxy(routes) {
  /** @type {string[]} */
  const seen = []
  const server = createServer((request, response) => {
    seen.push(request.url ?? '')
    response.writeHead(502).end()
  })
  server.on('connect', (request, client, head) => {
    const target = request.url ?? ''
    seen.push(target)
    const port = routes[target]
    if (port === undefined) {
      client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n')
      return
    }
    const upstream = connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      upstream.write(head)
      pipeBothWays(client, upstream)
    })
    upstream.on('error', () => client.destroy())
  })
  const listening = await listen(server)
  return { ...listening, url: `http://127.0.0.1:${listening.port}`, seen }
}

/**
 * @param {import('node:stream').Duplex} a
 * @param {import('node:stream').Duplex} b
 */
function pipeBothWays(a, b) {
  a.pipe(b).pipe(a)
  a.on('close', () => b.destroy())
  b.on('close', () => a.destroy())
  a.on('error', () => b.destroy())
  b.on('error', () => a.destroy())
}

/**
 * Listens on a free loopback port; `close()` also cuts open connections.
 *
 * @param {import('node:net').Server} server
 */
async function listen(server) {
  /** @type {Set<import('node:net').Socket>} */
  const sockets = new Set()
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(0))
  )
  const { port } = /** @type {import('node:net').AddressInfo} */ (
    server.address()
  )
  return {
    port,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve(undefined))
        for (const socket of sockets) socket.destroy()
      })
  }
}
