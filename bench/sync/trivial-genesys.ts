// A Genesys Cloud stand-in that does no work: every request is read and answered at once, a token for the login
// and its own body back with an id for anything else. The floor bench (sdk-floor.bench.ts) sends the sync's
// calls to it, so what the calls cost there is the client's and the machine's, not a server's.
//
// Run: node -r @swc-node/register bench/sync/trivial-genesys.ts --port N   (GET /ready answers 200 once up)
import { createServer } from 'node:http';
import { numberArg } from './support';

const token = JSON.stringify({ access_token: 'trivial', token_type: 'bearer', expires_in: 86_400 });
let next = 0;

createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const text = Buffer.concat(chunks).toString();
    let body = token;
    if (request.url !== '/oauth/token') {
      const sent: unknown = text ? JSON.parse(text) : {};
      const fields = typeof sent === 'object' && sent !== null && !Array.isArray(sent) ? sent : {};
      body = JSON.stringify({ ...fields, id: `trivial-${++next}` });
    }
    response.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    });
    response.end(body);
  });
}).listen(numberArg('port', 0), '127.0.0.1');
