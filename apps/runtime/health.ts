/** MicroProfile Health status of one check or of a whole report. */
export type HealthStatus = 'UP' | 'DOWN';

/** One entry of a MicroProfile Health report. */
export interface HealthCheckResponse {
  readonly name: string;
  readonly status: HealthStatus;
  readonly data?: Readonly<Record<string, string | number | boolean>>;
}

/** A named probe; it should answer within a few seconds and never throw. */
export type HealthCheck = () => Promise<HealthCheckResponse>;

/** The JSON body MicroProfile Health defines for `/health`, `/health/live` and `/health/ready`. */
export interface HealthReport {
  readonly status: HealthStatus;
  readonly checks: readonly HealthCheckResponse[];
}

/** Runs checks concurrently; the report is UP only if every check is. */
export async function healthReport(checks: readonly HealthCheck[]): Promise<HealthReport> {
  const responses = await Promise.all(checks.map((check) => check()));
  return { status: responses.every((r) => r.status === 'UP') ? 'UP' : 'DOWN', checks: responses };
}

/** Liveness: answering at all proves the event loop runs; nothing outside the process may fail it. */
export function processLiveness(service: string): HealthCheck {
  return async () => ({
    name: `${service} process`,
    status: 'UP',
    data: { pid: process.pid, uptimeSeconds: Math.round(process.uptime()) },
  });
}
