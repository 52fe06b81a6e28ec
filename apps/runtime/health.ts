/** MicroProfile Health status of one check or of a whole report. */
export type HealthStatus = 'UP' | 'DOWN';

/** One entry of a MicroProfile Health report. */
export interface HealthCheckResponse {
  readonly name: string;
  readonly status: HealthStatus;
  readonly data?: Readonly<Record<string, string | number | boolean>>;
}

/**
 * A named check answered from memory: the state it reports is kept up to date by the client's events
 * and a background refresh, so a probe costs no request to Kafka however often it comes.
 */
export type HealthCheck = () => HealthCheckResponse;

/** The JSON body MicroProfile Health defines for `/health`, `/health/live` and `/health/ready`. */
export interface HealthReport {
  readonly status: HealthStatus;
  readonly checks: readonly HealthCheckResponse[];
}

/** The report is UP only if every check is. */
export function healthReport(checks: readonly HealthCheck[]): HealthReport {
  const responses = checks.map((check) => check());
  return { status: responses.every((r) => r.status === 'UP') ? 'UP' : 'DOWN', checks: responses };
}

/** Liveness: answering at all proves the event loop runs; nothing outside the process may fail it. */
export function processLiveness(service: string): HealthCheck {
  return () => ({
    name: `${service} process`,
    status: 'UP',
    data: { pid: process.pid, uptimeSeconds: Math.round(process.uptime()) },
  });
}
