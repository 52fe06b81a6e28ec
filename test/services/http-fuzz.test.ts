import { connect } from 'node:net';
import { createTopic, eventually, getJson, jsonLines, metric, RunningService, sharedBootstrap, startService, uniqueName } from './helpers';

/** Sends raw bytes on a new connection; resolves with the status code of the answer, or undefined if none came within `timeoutMs`. */
function rawRequest(port: number, bytes: Buffer | string, timeoutMs = 2_000): Promise<number | undefined> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    const done = (): void => {
      clearTimeout(timer);
      socket.destroy();
      const status = /^HTTP\/1\.[01] (\d{3}) /.exec(received);
      resolve(status ? Number(status[1]) : undefined);
    };
    const timer = setTimeout(done, timeoutMs);
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      if (received.includes('\r\n\r\n')) done();
    });
    socket.on('close', done);
    socket.on('error', () => undefined);
    socket.on('connect', () => socket.write(bytes));
  });
}

const CLOSE = 'Connection: close\r\n\r\n';

/**
 * Request lines and headers the HTTP layer must answer with a client error, and the status it must
 * give; `/data` exists only on the producer (elsewhere: 404).
 */
const malformed = (hasData: boolean): ReadonlyArray<[string, string | Buffer, number]> => [
  ['target // (the URL parser rejects it)', `GET // HTTP/1.1\r\nHost: x\r\n${CLOSE}`, 400],
  ['target //x:99999/health', `GET //x:99999/health HTTP/1.1\r\nHost: x\r\n${CLOSE}`, 400],
  ['absolute target with a broken IPv6 host', `GET http://[::1/health HTTP/1.1\r\nHost: x\r\n${CLOSE}`, 400],
  ['absolute target with a port out of range', `GET http://x:99999/health HTTP/1.1\r\nHost: x\r\n${CLOSE}`, 400],
  ['asterisk target on GET', `GET * HTTP/1.1\r\nHost: x\r\n${CLOSE}`, 400],
  ['target without a leading slash', `GET health HTTP/1.1\r\nHost: x\r\n${CLOSE}`, 400],
  ['unknown path', `GET /nothing-here HTTP/1.1\r\nHost: x\r\n${CLOSE}`, 404],
  ['bad percent-encoding', `GET /%zz%ff HTTP/1.1\r\nHost: x\r\n${CLOSE}`, 404],
  ['dot segments are not resolved', `GET /health/../data HTTP/1.1\r\nHost: x\r\n${CLOSE}`, 404],
  ['trailing slash', `GET /health/ HTTP/1.1\r\nHost: x\r\n${CLOSE}`, 404],
  ['HEAD /data must not produce', `HEAD /data HTTP/1.1\r\nHost: x\r\n${CLOSE}`, hasData ? 405 : 404],
  ['POST /data with a body', `POST /data HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}`, hasData ? 405 : 404],
  ['DELETE /health', `DELETE /health HTTP/1.1\r\nHost: x\r\n${CLOSE}`, 405],
  ['PUT /metrics', `PUT /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n${CLOSE}`, 405],
  ['OPTIONS *', `OPTIONS * HTTP/1.1\r\nHost: x\r\n${CLOSE}`, 400],
  ['CONNECT', `CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n`, 405],
  ['Upgrade to websocket', `GET /health HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n`, 400],
  ['unknown method', `FROB /health HTTP/1.1\r\nHost: x\r\n${CLOSE}`, 400],
  ['lower-case method', `get /health HTTP/1.1\r\nHost: x\r\n${CLOSE}`, 400],
  ['HTTP/9.9', `GET /health HTTP/9.9\r\nHost: x\r\n${CLOSE}`, 400],
  ['garbage request line', `\u0001\u0002GARBAGE\r\n\r\n`, 400],
  ['NUL in the target', `GET /he\u0000alth HTTP/1.1\r\nHost: x\r\n${CLOSE}`, 400],
  ['space in the target', `GET /hea lth HTTP/1.1\r\nHost: x\r\n${CLOSE}`, 400],
  ['header without colon', `GET /health HTTP/1.1\r\nHost x\r\n${CLOSE}`, 400],
  ['control character in a header value', `GET /health HTTP/1.1\r\nHost: x\u0001y\r\n${CLOSE}`, 400],
  ['negative Content-Length', `GET /health HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n${CLOSE}`, 400],
  ['non-numeric Content-Length', `GET /health HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n${CLOSE}`, 400],
  ['two different Content-Lengths', `GET /health HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n${CLOSE}`, 400],
  ['Content-Length with Transfer-Encoding (smuggling)',
    `POST /data HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`, 400],
  ['bad chunk size', `POST /data HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n`, 400],
  ['obsolete line folding', `GET /health HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\n${CLOSE}`, 400],
  ['bare LF line endings', `GET /health HTTP/1.1\nHost: x\n\n`, 400],
  ['100 KB target', `GET /${'a'.repeat(100_000)} HTTP/1.1\r\nHost: x\r\n${CLOSE}`, 431],
  ['32 KB header', `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(32_000)}\r\n${CLOSE}`, 431],
  ['HTTP/2 preface', 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 400],
  ['TLS ClientHello', Buffer.from('16030100a5010000a10303', 'hex'), 400],
];

/** Deterministic pseudo-random numbers (mulberry32), so a failing case can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A valid request with a few bytes overwritten, inserted or dropped. */
function mutated(next: () => number): Buffer {
  const bytes = [...Buffer.from(`GET /health/live?x=1 HTTP/1.1\r\nHost: localhost\r\nAccept: */*\r\n${CLOSE}`)];
  for (let edits = 1 + Math.floor(next() * 4); edits > 0; edits--) {
    const at = Math.floor(next() * bytes.length);
    const byte = Math.floor(next() * 256);
    const edit = Math.floor(next() * 3);
    if (edit === 0) bytes[at] = byte;
    else if (edit === 1) bytes.splice(at, 0, byte);
    else bytes.splice(at, 1);
  }
  return Buffer.from(bytes);
}

describe.each(['producer', 'consumer'] as const)('the %s HTTP layer under malformed requests', (name) => {
  const bootstrap = sharedBootstrap();
  const topic = uniqueName('fuzz');
  let service: RunningService;
  let port: number;

  beforeAll(async () => {
    // GIVEN a running service; the producer sends once at start, then waits a day
    await createTopic(bootstrap, topic);
    service = await startService(name, { KAFKA_BOOTSTRAP_SERVERS: bootstrap, KAFKA_TOPIC: topic, KAFKA_GROUP_ID: topic,
      PRODUCER_INTERVAL_MS: '86400000' });
    port = Number(new URL(service.url).port);
    await eventually(async () => expect((await getJson(`${service.url}/health/live`)).status).toBe(200));
    if (name === 'producer') await service.process.waitForLine(/Produced message/);
  }, 60_000);

  afterAll(() => service?.process.stop(), 30_000);

  test.each(malformed(name === 'producer'))('%s: answered with a client error, the process keeps serving', async (_, request, status) => {
    // WHEN the request is sent on a raw socket
    const answer = await rawRequest(port, request);

    // THEN it gets its client error, and a valid request on a new connection still works
    expect(answer).toBe(status);
    expect(await rawRequest(port, `GET /health/live HTTP/1.1\r\nHost: x\r\n${CLOSE}`)).toBe(200);
  });

  test('300 randomly mutated requests: never a server error, and the process survives them all', async () => {
    // GIVEN a fixed seed, so a failure can be replayed
    const next = random(20261125);
    const statuses = new Map<string, number>();
    for (let i = 0; i < 300; i++) {
      // WHEN each is sent
      const status = await rawRequest(port, mutated(next), 1_000);
      statuses.set(String(status), (statuses.get(String(status)) ?? 0) + 1);
      // THEN no answer is a 5xx (no answer at all: the mutation left the request incomplete)
      expect(status === undefined || status < 500).toBe(true);
    }
    expect(statuses.get('400') ?? 0).toBeGreaterThan(0);
    expect(service.process.running).toBe(true);
    expect(await rawRequest(port, `GET /health/live HTTP/1.1\r\nHost: x\r\n${CLOSE}`)).toBe(200);
  }, 120_000);

  test('nothing was produced by anything but GET, nothing crashed, and /metrics counted the malformed requests', async () => {
    expect(jsonLines(service.process, /Fatal error|Shutting down/)).toEqual([]);
    expect(await metric(service, 'http_requests_total', { path: 'malformed' })).toBeGreaterThan(20);
    if (name === 'producer') {
      expect(jsonLines(service.process, /^Produced message /)).toHaveLength(1);
      expect(await metric(service, 'messages_produced_total')).toBe(1);
    }
  });
});
