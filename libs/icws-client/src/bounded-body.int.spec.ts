import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { listConfiguration } from './configuration';
import { IcwsConnectError, IcwsResponseTooLargeError } from './icws-errors';
import { connect, type IcwsSession } from './icws-session';
import { retrieveMessages } from './messages';

const CAP = 64 * 1024;
const CHUNK = 'x'.repeat(16 * 1024);

// A local ICWS server that answers every request with a body that never ends (or, for /configuration, declares
// one far over the cap): a client that read whole bodies before judging them would never finish, so each test
// passing at all shows the body was judged as it streamed in; `closed` shows the client then hung up.
let server: Server;
let baseUrl: string;
let closed: Promise<void>;

function endless(response: ServerResponse, prefix: string): void {
  let markClosed: () => void = () => undefined;
  closed = new Promise((resolve) => (markClosed = resolve));
  response.on('close', markClosed);
  response.write(prefix);
  const pump = () => {
    while (!response.destroyed) {
      if (!response.write(CHUNK)) return void response.once('drain', pump);
    }
  };
  pump();
}

beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume();
    const url = request.url ?? '';
    if (url.includes('/configuration/')) {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(100 * CAP) });
      return response.end(); // the declared length alone must be refused
    }
    if (url.endsWith('/messaging/messages')) {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      return endless(response, 'data: {"__type":"');
    }
    response.writeHead(201, { 'content-type': 'application/json' });
    endless(response, '{"sessionId":"');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const session = (): IcwsSession => ({
  baseUrl,
  userId: 'PureCloudAdmin',
  sessionId: 's',
  csrfToken: 'c',
  cookie: 'k=v',
  language: 'en-us',
  features: new Map(),
  maxResponseBytes: CAP,
});

describe('the ICWS response-size cap', () => {
  it('refuses an endless connect answer at the cap, reading it as a stream', async () => {
    const error = await connect([baseUrl], { userId: 'u', password: 'p', maxResponseBytes: CAP }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(IcwsConnectError);
    expect((error as IcwsConnectError).attempts).toEqual([
      `${baseUrl}: ICWS answer from ${baseUrl} is longer than the ${CAP}-byte cap; refused`,
    ]);
    await closed;
  });

  it('refuses a list page whose declared length is over the cap', async () => {
    await expect(listConfiguration(session(), 'users', { select: ['*'] })).rejects.toBeInstanceOf(
      IcwsResponseTooLargeError,
    );
  });

  it('ends a server-sent event stream whose event grows past the cap', async () => {
    const read = async () => {
      for await (const incoming of retrieveMessages(session(), { mode: 'sse' })) void incoming;
    };
    await expect(read()).rejects.toBeInstanceOf(IcwsResponseTooLargeError);
    await closed;
  });
});
