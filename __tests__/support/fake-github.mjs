import { createServer } from 'node:http'

/**
 * A stand-in for the slice of GitHub's REST API the action uses: creating and
 * updating check runs. It records every request with its arrival time (ms);
 * `refuse` answers every request with that status (403: a read-only token;
 * 404: no access).
 */
export async function startFakeGitHub({ refuse } = {}) {
  const requests = []
  let nextId = 1000

  const server = createServer((request, response) => {
    const time = Date.now()
    let body = ''
    request.on('data', (chunk) => (body += chunk))
    request.on('end', () => {
      const json = body ? JSON.parse(body) : undefined
      requests.push({
        method: request.method,
        url: request.url,
        authorization: request.headers.authorization,
        body: json,
        time
      })
      const answer = (status, payload) => {
        response.writeHead(status, { 'Content-Type': 'application/json' })
        response.end(JSON.stringify(payload))
      }
      if (refuse) {
        answer(refuse, {
          message: 'Resource not accessible by integration',
          status: String(refuse)
        })
      } else if (
        request.method === 'POST' &&
        /\/check-runs$/.test(request.url)
      ) {
        answer(201, { id: nextId++, ...json })
      } else if (
        request.method === 'PATCH' &&
        /\/check-runs\/\d+$/.test(request.url)
      ) {
        answer(200, { id: Number(request.url.split('/').pop()), ...json })
      } else {
        answer(404, { message: 'Not Found' })
      }
    })
  })

  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address()
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
