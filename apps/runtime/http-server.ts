import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo, Socket } from 'node:net';
import { Counter, Registry } from 'prom-client';
import { HealthCheck, healthReport } from './health';
import { Logger } from './logger';

export interface HttpResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export type RouteHandler = () => Promise<HttpResponse> | HttpResponse;

/** What a path answers. Only GET runs the handler; HEAD only when the route changes nothing. */
export interface Route {
  readonly get: RouteHandler;
  /** Whether HEAD is answered too (the headers of a GET). Never for a route that acts, like `/data`. */
  readonly head?: boolean;
}

export function jsonResponse(status: number, value: unknown): HttpResponse {
  return { status, contentType: 'application/json', body: JSON.stringify(value) };
}

export interface HttpServerOptions {
  readonly port: number;
  readonly logger: Logger;
  readonly registry: Registry;
  readonly liveness: readonly HealthCheck[];
  readonly readiness: readonly HealthCheck[];
  /** Service-specific routes by exact path, e.g. the producer's `/data`. */
  readonly routes?: Readonly<Record<string, Route>>;
}

/** A running HTTP server and the port it listens on. */
export interface HttpServer {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Serves MicroProfile Health (`/health`, `/health/live`, `/health/ready`; 503 when DOWN),
 * Prometheus `/metrics` and the service's own routes, on all interfaces. No request can stop the
 * process: a target that is not a path is a 400, an unknown path a 404, another method a 405, a
 * request Node's parser rejects a 400 (431 for oversized headers), a failing handler a 500.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const health = (checks: readonly HealthCheck[]): HttpResponse => {
    const report = healthReport(checks);
    return jsonResponse(report.status === 'UP' ? 200 : 503, report);
  };
  const routes = new Map<string, Route>([
    ['/health', { get: () => health([...options.liveness, ...options.readiness]), head: true }],
    ['/health/live', { get: () => health(options.liveness), head: true }],
    ['/health/ready', { get: () => health(options.readiness), head: true }],
    [
      '/metrics',
      { get: async () => ({ status: 200, contentType: options.registry.contentType, body: await options.registry.metrics() }), head: true },
    ],
    ...Object.entries(options.routes ?? {}),
  ]);
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by path (a served path, "other" for unknown ones, "malformed" for unparsable requests) and status.',
    labelNames: ['path', 'status'],
    registers: [options.registry],
  });
  const { logger } = options;

  const server = createServer((request, response) => {
    const path = requestPath(request.url);
    const pathLabel = path === undefined ? 'malformed' : routes.has(path) ? path : 'other';
    void answer(routes, path, request, logger)
      .then((result) => {
        requests.inc({ path: pathLabel, status: result.status });
        send(request, response, result);
      })
      .catch((error: unknown) => {
        logger.error({ error: String(error) }, 'Could not send an HTTP response');
        response.destroy();
      });
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    requests.inc({ path: 'malformed', status: clientErrorStatus(error) });
    rejectMalformed(error, socket);
  });
  // CONNECT and Upgrade requests bypass the request handler; without these listeners Node drops them silently.
  server.on('connect', (_request: IncomingMessage, socket: Socket) => {
    requests.inc({ path: 'malformed', status: 405 });
    rawAnswer(socket, 405, 'CONNECT is not supported');
  });
  server.on('upgrade', (_request: IncomingMessage, socket: Socket) => {
    requests.inc({ path: 'malformed', status: 400 });
    rawAnswer(socket, 400, 'Protocol upgrades are not supported');
  });
  // A failure to listen rejects (the caller says which setting to fix); later errors are logged.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => logger.error({ error: String(error) }, 'HTTP server error'));
  const port = (server.address() as AddressInfo).port;
  logger.info({ port }, 'HTTP server listening');
  return { port, close: () => close(server) };
}

/**
 * The path of a request target: origin form (`/health?x`) or absolute form (`http://host/health`);
 * undefined for anything else (`//`, `*`, `http://[::1/health`), which is answered with 400.
 */
export function requestPath(target: string | undefined): string | undefined {
  if (!target) return undefined;
  if (target.startsWith('/') && !target.startsWith('//')) return target.replace(/[?#].*$/s, '');
  if (!/^https?:\/\//i.test(target)) return undefined;
  try {
    return new URL(target).pathname;
  } catch {
    return undefined;
  }
}

async function answer(routes: ReadonlyMap<string, Route>, path: string | undefined, request: IncomingMessage, logger: Logger): Promise<HttpResponse> {
  if (path === undefined) return jsonResponse(400, { error: 'The request target must be a path such as /health' });
  const route = routes.get(path);
  if (!route) return jsonResponse(404, { error: `No resource at ${path.slice(0, 200)}` });
  const allowed = route.head ? 'GET, HEAD' : 'GET';
  if (request.method !== 'GET' && !(route.head && request.method === 'HEAD')) {
    return { ...jsonResponse(405, { error: `${path} accepts ${allowed} only` }), headers: { allow: allowed } };
  }
  try {
    return await route.get();
  } catch (error) {
    logger.error({ path, error: String(error) }, 'Request failed');
    return jsonResponse(500, { error: 'Internal error; the service log has the details' });
  }
}

function send(request: IncomingMessage, response: ServerResponse, result: HttpResponse): void {
  if (response.destroyed) return;
  response.writeHead(result.status, {
    ...result.headers,
    'content-type': result.contentType,
    'content-length': Buffer.byteLength(result.body),
  });
  response.end(request.method === 'HEAD' ? undefined : result.body);
}

function clientErrorStatus(error: NodeJS.ErrnoException): number {
  if (error.code === 'HPE_HEADER_OVERFLOW') return 431;
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408;
  return 400;
}

// What Node does by itself when nobody listens for 'clientError', plus a body saying why.
function rejectMalformed(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const status = clientErrorStatus(error);
  rawAnswer(socket, status, status === 431 ? 'Request headers too large' : 'Malformed HTTP request');
}

const REASONS: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  431: 'Request Header Fields Too Large',
};

/** An answer written straight to a socket the HTTP parser has given up on, then the connection is closed. */
function rawAnswer(socket: Socket, status: number, error: string): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify({ error });
  socket.end(
    `HTTP/1.1 ${status} ${REASONS[status]}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ` +
      `${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Idle keep-alive connections would otherwise hold close() open for seconds.
    server.closeIdleConnections();
  });
}
