// A webhook receiver in its own process for the call-out bench: accepts every notification as a
// healthy SMS gateway would, counts them per dispatch, and answers GET /count with the totals.
import { createServer } from 'node:http';

let delivered = 0;
const dispatches = new Set();
const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/count') {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ delivered, dispatches: dispatches.size }));
    return;
  }
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    delivered += 1;
    const id = /"dispatchId":"([^"]+)"/.exec(body)?.[1];
    if (id) dispatches.add(id);
    res.writeHead(204).end();
  });
});
server.listen(0, '127.0.0.1', () => console.log(`listening ${String(server.address().port)}`));
