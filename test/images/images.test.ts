import { readFileSync } from 'node:fs';
import { imageRunConfig } from '../../scripts/images/buildah';
import { ImageSandbox } from '../../scripts/images/image-sandbox';
import { KafkaBroker } from '../../scripts/kafka/broker';
import { freePort } from '../../scripts/kafka/free-port';
import { createTopic, eventually, getJson, uniqueName } from '../services/helpers';

// The images `npm run images` built (global setup), named as the chart's defaults.
const IMAGES = {
  producer: 'strimzi-cdk8s/data-producer:0.1.0',
  consumer: 'strimzi-cdk8s/data-consumer:0.1.0',
} as const;
type Service = keyof typeof IMAGES;
const SERVICES = Object.keys(IMAGES) as Service[];
const GRACE_PERIOD_MS = 30_000; // Kubernetes' default terminationGracePeriodSeconds

const RECEIVED = /Received message: (\{"data":[^}]*\})/;
const PRODUCING = /Produced message (\{"data":[^}]*\})/;

describe.each(SERVICES)('the built %s image', (service) => {
  test('runs node as its entry point (no shell), as numeric user 10001 in group 0', () => {
    // WHEN the image's run configuration is read
    const config = imageRunConfig(IMAGES[service]);
    // THEN a runtime starts `node main.js` itself, as 10001:0, with the production environment
    expect(config.Entrypoint).toEqual(['node', 'main.js']);
    expect(config.Cmd ?? []).toEqual([]);
    expect(config.User).toBe('10001:0');
    expect(config.WorkingDir).toBe('/app');
    expect(config.Env).toContain('NODE_ENV=production');
  });
});

describe('the built images, run read-only as uid 10001 against a real broker', () => {
  let broker: KafkaBroker;
  const running = {} as Record<Service, { sandbox: ImageSandbox; url: string }>;

  beforeAll(async () => {
    // GIVEN a broker with a topic, and each image running from its own read-only filesystem
    broker = await KafkaBroker.start();
    const topic = uniqueName('images');
    await createTopic(broker.bootstrapServers, topic);
    for (const service of ['consumer', 'producer'] as const) {
      const port = await freePort();
      const sandbox = ImageSandbox.start(IMAGES[service], {
        env: {
          KAFKA_BOOTSTRAP_SERVERS: broker.bootstrapServers,
          KAFKA_TOPIC: topic,
          KAFKA_GROUP_ID: uniqueName('images'),
          KAFKA_AUTO_OFFSET_RESET: 'earliest',
          PRODUCER_INTERVAL_MS: '200',
          HTTP_PORT: String(port),
        },
      });
      running[service] = { sandbox, url: `http://127.0.0.1:${port}` };
    }
  }, 120_000);

  afterAll(async () => {
    await Promise.all(Object.values(running).map(({ sandbox }) => sandbox.destroy()));
    await broker?.destroy();
  }, 60_000);

  test('messages flow from the producer to the consumer', async () => {
    // WHEN the producer has sent measurements
    const producer = running.producer.sandbox;
    const consumer = running.consumer.sandbox;
    const sent = await eventually(() => {
      const values = producer.lines.flatMap((l) => PRODUCING.exec(l)?.slice(1, 2) ?? []);
      expect(values.length).toBeGreaterThanOrEqual(5);
      return values.slice(0, 5);
    }, 60_000);

    // THEN the consumer logs each of them as received
    await eventually(() => {
      const received = consumer.lines.flatMap((l) => RECEIVED.exec(l)?.slice(1, 2) ?? []);
      expect(received).toEqual(expect.arrayContaining(sent));
    }, 60_000);
  }, 130_000);

  test.each(SERVICES)('%s: /health/ready answers 200 (UP)', async (service) => {
    // WHEN the readiness endpoint is asked THEN it answers UP
    const answer = await eventually(async () => {
      const response = await getJson(`${running[service].url}/health/ready`);
      expect(response.status).toBe(200);
      return response;
    }, 30_000);
    expect(answer.body).toMatchObject({ status: 'UP' });
  }, 40_000);

  test.each(SERVICES)('%s: node is PID 1, runs as uid 10001 gid 0 and cannot write to its filesystem', (service) => {
    // GIVEN the running service
    const { sandbox } = running[service];
    const pid = sandbox.pid;

    // THEN the kernel sees node main.js as PID 1 of the container's PID namespace, as 10001:0
    expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean)).toEqual(['node', 'main.js']);
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    expect(status).toMatch(/^Uid:\s+10001\s+10001\s+10001\s+10001$/m);
    expect(status).toMatch(/^Gid:\s+0\s+0\s+0\s+0$/m);

    // WHEN a process inside the container, as its user, tries to write to / and /tmp
    const seen = JSON.parse(sandbox.exec(`
      const fs = require('fs');
      const attempt = (file) => { try { fs.writeFileSync(file, 'x'); return 'written'; } catch (e) { return e.code; } };
      console.log(JSON.stringify({
        uid: process.getuid(), gid: process.getgid(),
        pid1: fs.readFileSync('/proc/1/cmdline', 'utf8').split('\\0').filter(Boolean),
        root: attempt('/probe'), tmp: attempt('/tmp/probe'), app: attempt('/app/probe'),
      }));`));
    // THEN it is uid 10001 and every write fails on the read-only filesystem
    expect(seen).toEqual({ uid: 10001, gid: 0, pid1: ['node', 'main.js'], root: 'EROFS', tmp: 'EROFS', app: 'EROFS' });
  });

  test.each(['producer', 'consumer'] as const)('%s: SIGTERM ends it with status 0 within the grace period', async (service) => {
    // WHEN the runtime sends SIGTERM to PID 1, as a pod's deletion does
    const { sandbox } = running[service];
    const started = Date.now();
    const code = await sandbox.stop(GRACE_PERIOD_MS);

    // THEN it exits by itself, cleanly, before the runtime would kill it
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(GRACE_PERIOD_MS);
    expect(sandbox.lines.join('\n')).not.toMatch(/EROFS|EACCES/);
  }, GRACE_PERIOD_MS + 10_000);
});
