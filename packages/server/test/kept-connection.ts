// A GET of the service's `/health` on a kept-alive connection, to read how long the service keeps it.
import { Agent, request } from 'node:http';

/** GETs `/health` on a kept connection; resolves with its Keep-Alive header and when the service closed the connection. */
export function keptConnection(url: string): Promise<{ keepAlive: string; closedAfterMs: Promise<number> }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  return new Promise((resolve, reject) => {
    const req = request(`${url}/health`, { agent });
    req.on('socket', (socket) => {
      req.on('response', (res) => {
        res.resume();
        res.on('end', () => {
          const idleSince = performance.now();
          const closedAfterMs = new Promise<number>((done) => {
            socket.once('close', () => {
              agent.destroy();
              done(performance.now() - idleSince);
            });
          });
          resolve({ keepAlive: String(res.headers['keep-alive']), closedAfterMs });
        });
      });
    });
    req.on('error', reject);
    req.end();
  });
}
