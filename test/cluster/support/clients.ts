import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, KafkaConfig, logLevel } from 'kafkajs';
import { LocalKafkaCluster } from '../../../scripts/kafka/cluster';
import { userSecretDir } from '../../../scripts/kafka/users';

/** Who a test client is: a user whose credential files the harness wrote, given credentials, or nobody. */
export type ClientIdentity =
  | { readonly user: string }
  | { readonly username: string; readonly password: string }
  | { readonly anonymous: true };

/**
 * A plain kafkajs client on one listener of `cluster`, logging in the way the listener demands with the
 * files the harness wrote as the User Operator's Secret holds them (`password`, or `user.crt` + `user.key`),
 * trusting `cluster-ca.crt` on TLS listeners. Fails fast: no retries, so a denial surfaces at once.
 */
export function clientOf(cluster: LocalKafkaCluster, listenerName: string, who: ClientIdentity, overrides: Partial<KafkaConfig> = {}): Kafka {
  const listener = cluster.listener(listenerName);
  const tls = listener.tls || listener.authentication === 'tls';
  const read = (file: string): string => readFileSync(file, 'utf8');
  const secret = 'user' in who ? userSecretDir(cluster.credentialsDir, who.user) : undefined;
  const config: KafkaConfig = {
    clientId: 'cluster-test',
    brokers: cluster.bootstrapServers(listenerName),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 5_000,
    retry: { retries: 0 },
    ssl: tls
      ? {
        ca: [read(join(cluster.credentialsDir, 'cluster-ca.crt'))],
        ...(secret && listener.authentication === 'tls' && { cert: read(join(secret, 'user.crt')), key: read(join(secret, 'user.key')) }),
      }
      : undefined,
    ...overrides,
  };
  if (listener.authentication === 'scram-sha-512' && !('anonymous' in who)) {
    const [username, password] = 'user' in who ? [who.user, read(join(secret!, 'password'))] : [who.username, who.password];
    config.sasl = { mechanism: 'scram-sha-512', username, password };
  }
  return new Kafka(config);
}

/** Collects the brokers' authorizer decisions (`kafka.authorizer.logger`): pass {@link AuthorizerLog.onLogLine} to the cluster. */
export class AuthorizerLog {
  private readonly lines: string[] = [];

  public readonly onLogLine = (line: string): void => {
    if (line.includes('kafka.authorizer.logger')) this.lines.push(line);
  };

  /** A mark to pass to {@link denials}, so that only later decisions count. */
  public mark(): number {
    return this.lines.length;
  }

  /** Denials since `mark` for `principal`, e.g. `Principal = User:x is Denied operation = READ … Topic:LITERAL:manual …`. */
  public denials(since: number, principal: string): string[] {
    return this.lines.slice(since).filter((line) => line.includes(`Principal = ${principal} is Denied operation`));
  }

  /** Waits (the log lags the client's error a little) for a denial of `principal` matching `pattern`. */
  public async waitForDenial(since: number, principal: string, pattern: RegExp, timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const line = this.denials(since, principal).find((l) => pattern.test(l));
      if (line) return line;
      if (Date.now() > deadline) {
        throw new Error(
          `No authorizer denial of ${principal} matching ${pattern}; denials seen: ${this.denials(since, principal).join('\n') || 'none'}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/**
 * The error a client hit, with the broker's reason added: kafkajs reports a denied group as "Failed to
 * find group coordinator" (its FindCoordinator path swallows GROUP_AUTHORIZATION_FAILED), so the
 * authorizer's own line is what names the cause.
 */
export async function explainDenial(error: unknown, log: AuthorizerLog, since: number, principal: string): Promise<Error> {
  const denial = await log.waitForDenial(since, principal, /./).catch(() => 'no authorizer denial logged');
  return new Error(
    `${error instanceof Error ? `${error.name}: ${error.message}` : String(error)} — broker: ` +
      `${denial.replace(/^.*kafka\.authorizer\.logger - /, '')}`,
  );
}
