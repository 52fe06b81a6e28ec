import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { HealthCheck, healthReport } from './health';
import { Logger } from './logger';
import { Metrics } from './metrics';

export interface HttpResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

/** Answers one GET request. */
export type RouteHandler = (request: IncomingMessage) => Promise<HttpResponse>;

export function jsonResponse(status: number, value: unknown): HttpResponse {
  return { status, contentType: 'application/json', body: JSON.stringify(value) };
}

export interface HttpServerOptions {
  readonly port: number;
  readonly logger: Logger;
  readonly liveness: readonly HealthCheck[];
  readonly readiness: readonly HealthCheck[];
  readonly metrics: Metrics;
  /** Service-specific GET routes by exact path, e.g. the producer's `/data`. */
  readonly routes?: Readonly<Record<string, RouteHandler>>;
}

/** A running HTTP server and the port it listens on. */
export interface HttpServer {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Serves MicroProfile Health (`/health`, `/health/live`, `/health/ready`; 503 when DOWN),
 * Prometheus `/metrics` and the service's own routes, on all interfaces.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const health = async (checks: readonly HealthCheck[]): Promise<HttpResponse> => {
    const report = await healthReport(checks);
    return jsonResponse(report.status === 'UP' ? 200 : 503, report);
  };
  const routes: Record<string, RouteHandler> = {
    '/health': () => health([...options.liveness, ...options.readiness]),
    '/health/live': () => health(options.liveness),
    '/health/ready': () => health(options.readiness),
    '/metrics': async () => ({ status: 200, contentType: 'text/plain; version=0.0.4', body: options.metrics.render() }),
    ...options.routes,
  };

  const server = createServer((request, response) => {
    void respond(routes, request, options.logger).then((result) => send(response, result));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  options.logger.info('HTTP server listening', { port });
  return { port, close: () => close(server) };
}

async function respond(routes: Record<string, RouteHandler>, request: IncomingMessage, logger: Logger): Promise<HttpResponse> {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  const handler = routes[path];
  if (!handler) return jsonResponse(404, { error: `No resource at ${path}` });
  if (request.method !== 'GET' && request.method !== 'HEAD') return jsonResponse(405, { error: `${path} accepts GET only` });
  try {
    return await handler(request);
  } catch (error) {
    logger.error('Request failed', { path, error: String(error) });
    return jsonResponse(500, { error: String(error) });
  }
}

function send(response: ServerResponse, result: HttpResponse): void {
  response.writeHead(result.status, {
    'content-type': result.contentType,
    'content-length': Buffer.byteLength(result.body),
  });
  response.end(response.req.method === 'HEAD' ? undefined : result.body);
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Idle keep-alive connections would otherwise hold close() open for seconds.
    server.closeIdleConnections();
  });
}
