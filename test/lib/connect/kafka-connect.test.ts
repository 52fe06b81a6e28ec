import { Chart, Testing } from 'cdk8s';
import {
  ConnectBuildOutput, ConnectConverter, KafkaAuthorization, KafkaCluster, KafkaClusterProps, KafkaConnect,
  KafkaConnectProps, KafkaConnector, ListenerAuthentication, PluginArtifact, Topic, Warnings,
} from '../../../lib';
import { about, coded } from '../support/errors';
import { KubeObject, validateAgainstKubernetes, validateAgainstStrimziCrds } from '../support/schemas';
import { muteStderr } from '../support/stderr';
import { only, synthApp } from '../support/synth';
import { warned } from '../support/warnings';

muteStderr();

/** A cluster, an `orders` topic and a Connect cluster built by `props`, in one chart. */
function connectApp(props: Partial<KafkaConnectProps> = {}, clusterProps: KafkaClusterProps = { brokers: 3 }) {
  const app = Testing.app();
  const chart = new Chart(app, 'platform', { namespace: 'shop' });
  const cluster = new KafkaCluster(chart, 'shop-kafka', clusterProps);
  const orders = new Topic(chart, 'orders', { cluster, partitions: 3 });
  const connect = new KafkaConnect(chart, 'shop-connect', { cluster, ...props });
  return { app, chart, cluster, orders, connect };
}

/** The message `fn` throws (a test fails when it throws nothing). */
function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

const aclsOf = (objects: KubeObject[], user: string) => only(objects, 'KafkaUser', user).spec.authorization.acls;
const topicAcl = (name: string, operations: string[]) => ({ resource: { type: 'topic', name, patternType: 'literal' }, operations });
const groupAcl = (name: string, patternType = 'literal') => ({ resource: { type: 'group', name, patternType }, operations: ['Read'] });

describe('KafkaConnect', () => {
  test('derives its user, group id, compacted storage topics and the ACLs to use them, and nothing more', () => {
    // GIVEN a Connect cluster wired to a 3-broker cluster with the default (SCRAM over TLS) listener
    const { app } = connectApp();
    // WHEN synthesized
    const objects = synthApp(app);
    // THEN the KafkaConnect is bound to the cluster's TLS listener with the user's Secret and the cluster CA
    const connect = only(objects, 'KafkaConnect', 'shop-connect');
    expect(connect.metadata.annotations).toEqual({ 'strimzi.io/use-connector-resources': 'true' });
    expect(connect.spec).toMatchObject({
      bootstrapServers: 'shop-kafka-kafka-bootstrap:9093',
      groupId: 'shop-connect',
      configStorageTopic: 'shop-connect-configs', offsetStorageTopic: 'shop-connect-offsets', statusStorageTopic: 'shop-connect-status',
      tls: { trustedCertificates: [{ secretName: 'shop-kafka-cluster-ca-cert', certificate: 'ca.crt' }] },
      authentication: { type: 'scram-sha-512', username: 'shop-connect', passwordSecret: { secretName: 'shop-connect', password: 'password' } },
      version: '4.3.1', replicas: 1,
    });
    expect(connect.spec.config).toEqual({
      'key.converter': 'org.apache.kafka.connect.json.JsonConverter', 'key.converter.schemas.enable': 'true',
      'value.converter': 'org.apache.kafka.connect.json.JsonConverter', 'value.converter.schemas.enable': 'true',
      'config.storage.replication.factor': '3', 'offset.storage.replication.factor': '3', 'status.storage.replication.factor': '3',
      'offset.storage.partitions': '25', 'status.storage.partitions': '5',
    });
    // AND the three storage topics are compacted Topics of the cluster, the config topic with one partition
    for (const [name, partitions] of [['shop-connect-configs', 1], ['shop-connect-offsets', 25], ['shop-connect-status', 5]] as const) {
      const topic = only(objects, 'KafkaTopic', name);
      expect(topic.metadata.labels['strimzi.io/cluster']).toBe('shop-kafka');
      expect(topic.spec).toEqual({ partitions, replicas: 3, config: { 'cleanup.policy': 'compact' } });
    }
    // AND the worker may read and write those topics and join its group: no Create, no cluster-wide right
    expect(aclsOf(objects, 'shop-connect')).toEqual([
      topicAcl('shop-connect-configs', ['Read', 'Write']), groupAcl('shop-connect'),
      topicAcl('shop-connect-offsets', ['Read', 'Write']), topicAcl('shop-connect-status', ['Read', 'Write']),
    ]);
    // AND the listener admits the worker pods by Strimzi's labels
    const listener = only(objects, 'Kafka').spec.kafka.listeners.find((l: any) => l.name === 'tls');
    expect(listener.networkPolicyPeers).toEqual([{ podSelector: { matchLabels: {
      'strimzi.io/cluster': 'shop-connect', 'strimzi.io/kind': 'KafkaConnect', 'strimzi.io/name': 'shop-connect-connect',
    } } }]);
  });

  test('with mTLS the worker authenticates with the user certificate', () => {
    const { app } = connectApp({}, { listeners: [{ name: 'tls', port: 9093, tls: true, authentication: ListenerAuthentication.TLS }] });
    const connect = only(synthApp(app), 'KafkaConnect');
    expect(connect.spec.authentication).toEqual({ type: 'tls',
      certificateAndKey: { secretName: 'shop-connect', certificate: 'user.crt', key: 'user.key' } });
  });

  test('without authorization it gets a user but no ACLs', () => {
    const { app } = connectApp({}, { authorization: KafkaAuthorization.none() });
    expect(only(synthApp(app), 'KafkaUser', 'shop-connect').spec.authorization).toBeUndefined();
  });

  test('typed props: converters, replicas, build with plugins', () => {
    const { app } = connectApp({
      replicas: 2, storageReplicas: 2, groupId: 'shop-connect-v2',
      keyConverter: ConnectConverter.string(), valueConverter: ConnectConverter.json({ schemas: false }),
      config: { 'offset.flush.interval.ms': '10000' },
      imageBuild: {
        output: ConnectBuildOutput.imageStream('shop-connect:latest'),
        plugins: [{ name: 'file', artifacts: [
          PluginArtifact.maven({ group: 'org.apache.kafka', artifact: 'connect-file', version: '4.3.1' }),
          PluginArtifact.tgz('https://example.com/plugin.tgz', { sha512sum: 'a'.repeat(128) }),
          PluginArtifact.other('https://example.com/libx.so', 'libx.so'),
        ] }],
      },
    });
    const objects = synthApp(app);
    const spec = only(objects, 'KafkaConnect').spec;
    expect(spec.replicas).toBe(2);
    expect(spec.groupId).toBe('shop-connect-v2');
    expect(spec.config).toMatchObject({
      'key.converter': 'org.apache.kafka.connect.storage.StringConverter', 'value.converter.schemas.enable': 'false',
      'config.storage.replication.factor': '2', 'offset.flush.interval.ms': '10000',
    });
    expect(spec.build).toEqual({
      output: { type: 'imagestream', image: 'shop-connect:latest' },
      plugins: [{ name: 'file', artifacts: [
        { type: 'maven', group: 'org.apache.kafka', artifact: 'connect-file', version: '4.3.1' },
        { type: 'tgz', url: 'https://example.com/plugin.tgz', sha512sum: 'a'.repeat(128) },
        { type: 'other', url: 'https://example.com/libx.so', fileName: 'libx.so' },
      ] }],
    });
    expect(only(objects, 'KafkaTopic', 'shop-connect-offsets').spec.replicas).toBe(2);
    const failures = [...validateAgainstStrimziCrds(objects), ...validateAgainstKubernetes(objects)].filter((r) => r.errors.length);
    expect(failures).toEqual([]);
  });

  describe('rules', () => {
    test.each([
      ['Strimzi-managed config', { config: { 'sasl.mechanism': 'PLAIN' } }, 'connect-forbidden-config', /managed by Strimzi \(prefix 'sasl\.'\)/],
      ['storage topic in config', { config: { 'offset.storage.topic': 'x' } }, 'connect-forbidden-config', /offset.storage.topic/],
      ['typed key in config', { config: { 'value.converter': 'x.Y' } }, 'connect-typed-config', /'valueConverter'/],
      ['storage partitions in config', { config: { 'offset.storage.partitions': '50' } }, 'connect-typed-config', /'offsetStorageTopic'/],
      ['replication in config', { config: { 'status.storage.replication.factor': '1' } }, 'connect-typed-config', /storageReplicas/],
      ['more storage replicas than brokers', { storageReplicas: 4 }, 'connect-storage-replicas',
        /from 1 to the brokers of cluster 'shop-kafka' \(3\)/],
      ['a name too long for pod names', { name: 'x'.repeat(60) }, 'connect-name', /pod names/],
      ['image and build', { image: 'quay.io/x/y:1', imageBuild: { output: ConnectBuildOutput.registry('r.example.com/x:1'), plugins: [{ name: 'p',
        artifacts: [PluginArtifact.jar('https://e.com/p.jar')] }] } }, 'connect-build', /both image and imageBuild/],
      ['build without plugins', { imageBuild: { output: ConnectBuildOutput.registry('r.example.com/x:1'), plugins: [] } }, 'connect-build',
        /at least one/],
      ['two plugins of one name', { imageBuild: { output: ConnectBuildOutput.registry('r.example.com/x:1'), plugins: [
        { name: 'p1', artifacts: [PluginArtifact.jar('https://e.com/a.jar')] },
        { name: 'p1', artifacts: [PluginArtifact.jar('https://e.com/b.jar')] }] } }, 'connect-build', /two plugins are named 'p1'/],
      ['a cluster that is not a KafkaCluster', { cluster: 'shop-kafka' }, 'connect-cluster-invalid', /its cluster is not a KafkaCluster/],
      ['half a worker', { replicas: 1.5 }, 'connect-replicas-invalid', /replicas is invalid: 1\.5/],
      ['an image that is no image reference', { image: 'Quay.io/Team/Connect' }, 'connect-image-invalid', /Quay\.io\/Team\/Connect/],
      ['a config value that is not a string', { config: { 'offset.flush.interval.ms': 10000 } }, 'connect-config-not-a-string',
        /config 'offset\.flush\.interval\.ms' is 10000, not a string/],
    ] as const)('%s is refused in the constructor', (_what, props, code, phrase) => {
      expect(() => connectApp(props as Partial<KafkaConnectProps>)).toThrow(new RegExp(`KafkaConnect '.*' \\(.*\\) \\[${code}\\]: `));
      expect(() => connectApp(props as Partial<KafkaConnectProps>)).toThrow(phrase);
    });

    test('artifacts and converters refuse what the CRD or Connect would', () => {
      expect(() => PluginArtifact.jar('file:///etc/passwd')).toThrow(/\[connect-build\]: .*not an http\(s\) or ftp URL/);
      expect(() => PluginArtifact.zip('https://e.com/a.zip', { sha512sum: 'abc' })).toThrow(coded('connect-build', '128 hexadecimal digits'));
      expect(() => PluginArtifact.maven({ group: 'org apache', artifact: 'a', version: '1' })).toThrow(/\[connect-build\]: /);
      expect(() => ConnectBuildOutput.imageStream('no-tag')).toThrow(coded('connect-build', '"no-tag"', 'ImageStreamTag'));
      expect(() => ConnectConverter.of('not a class')).toThrow(/\[connect-converter\]: /);
    });

    test('two Connect clusters with one group id warn: their workers would merge', () => {
      const { app, chart, cluster } = connectApp();
      new KafkaConnect(chart, 'other-connect', { cluster, groupId: 'shop-connect' });
      synthApp(app);
      expect(Warnings.of(app).all.map((w) => w.code)).toContain('shared-consumer-group');
    });

    test('a Connect cluster outside its Kafka cluster\'s namespace fails the synth', () => {
      const { app, cluster } = connectApp();
      new KafkaConnect(new Chart(app, 'elsewhere', { namespace: 'other' }), 'far-connect', { cluster });
      expect(() => synthApp(app)).toThrow(about("KafkaConnect 'far-connect'", coded('connect-namespace', "namespace 'other'")));
    });
  });
});

describe('KafkaConnector', () => {
  function withConnectors() {
    const built = connectApp();
    const sink = new KafkaConnector(built.chart, 'orders-sink', {
      connect: built.connect, className: 'org.apache.kafka.connect.file.FileStreamSinkConnector', reads: [built.orders], tasksMax: 2,
      config: { file: '/data/out.txt' },
    });
    const source = new KafkaConnector(built.chart, 'orders-source', {
      connect: built.connect, className: 'org.apache.kafka.connect.file.FileStreamSourceConnector', writes: [built.orders],
      topicConfigKey: 'topic', config: { file: '/data/in.txt' }, valueConverter: ConnectConverter.string(),
    });
    return { ...built, sink, source };
  }

  test('a sink reads its topics in group connect-<name>, a source writes its topics: granted to the Connect user', () => {
    // GIVEN a sink and a source connector on `orders`
    const { app, sink, source } = withConnectors();
    // WHEN synthesized
    const objects = synthApp(app);
    // THEN each KafkaConnector names its Connect cluster and carries its derived config
    expect(only(objects, 'KafkaConnector', 'orders-sink')).toMatchObject({
      metadata: { labels: { 'strimzi.io/cluster': 'shop-connect' } },
      spec: { class: 'org.apache.kafka.connect.file.FileStreamSinkConnector', tasksMax: 2, config: { file: '/data/out.txt', topics: 'orders' } },
    });
    expect(only(objects, 'KafkaConnector', 'orders-source').spec.config).toEqual({
      'file': '/data/in.txt', 'topic': 'orders', 'value.converter': 'org.apache.kafka.connect.storage.StringConverter',
    });
    expect(sink.groupId).toBe('connect-orders-sink');
    expect(source.groupId).toBeUndefined();
    // AND the Connect user may read `orders` in the sink's group and write it for the source, besides its own topics
    expect(aclsOf(objects, 'shop-connect')).toEqual(expect.arrayContaining([topicAcl('orders', ['Read', 'Write']), groupAcl('connect-orders-sink')]));
    expect(aclsOf(objects, 'shop-connect')).toHaveLength(6);
    const failures = [...validateAgainstStrimziCrds(objects), ...validateAgainstKubernetes(objects)].filter((r) => r.errors.length);
    expect(failures).toEqual([]);
  });

  test.each([
    ['no topics', {}, 'connector-topics', /names no topic/],
    ['reads and writes', { reads: 'orders', writes: 'orders' }, 'connector-topics', /both reads and writes/],
    ['connector.class in config', { reads: 'orders', config: { 'connector.class': 'x.Y' } }, 'connector-forbidden-config',
      /derived from 'className'/],
    ['topics in config', { reads: 'orders', config: { topics: 'orders' } }, 'connector-forbidden-config', /derived from 'reads'/],
    ['tasksMax 0', { reads: 'orders', tasksMax: 0 }, 'connector-tasks-max', /at least 1/],
    ['a class that is no class', { reads: 'orders', className: 'File Stream' }, 'connector-class', /not a Java class name/],
    ['a name Kubernetes refuses', { reads: 'orders', name: 'Orders_Sink' }, 'connect-name', /orders-sink/],
    ['a connect that is not a KafkaConnect', { reads: 'orders', connect: 'shop-connect' }, 'connector-connect-invalid',
      /its connect is not a KafkaConnect/],
    ['a config value that is not a string', { reads: 'orders', config: { 'batch.size': 100 } }, 'connector-config-not-a-string',
      /config 'batch\.size' is 100, not a string/],
  ] as const)('%s is refused in the constructor', (_what, props, code, phrase) => {
    const { chart, connect, orders } = connectApp();
    const build = () => new KafkaConnector(chart, 'c', {
      connect, className: 'org.apache.kafka.connect.file.FileStreamSinkConnector', ...props,
      reads: 'reads' in props ? [orders] : undefined, writes: 'writes' in props ? [orders] : undefined,
    } as never);
    const message = messageOf(build);
    expect(message).toMatch(new RegExp(`^KafkaConnector '.*' \\(platform/c\\) \\[${code}\\]: `));
    expect(message).toMatch(phrase);
  });

  test('a topic named in config but not given as a Topic warns: the Connect user has no ACL for it', () => {
    const { app, chart, connect, orders } = connectApp();
    new KafkaConnector(chart, 'to-dlq', {
      connect, className: 'org.apache.kafka.connect.file.FileStreamSinkConnector', reads: [orders],
      config: { 'errors.deadletterqueue.topic.name': 'orders-dlq' },
    });
    synthApp(app);
    expect(Warnings.of(app).all).toContainEqual(warned('connector-undeclared-topic', undefined, "'orders-dlq'", 'will be denied'));
  });

  test('a topic of another cluster fails the synth', () => {
    const { app, chart, connect } = connectApp();
    const other = new KafkaCluster(chart, 'other-kafka');
    new KafkaConnector(chart, 'far', {
      connect, className: 'org.apache.kafka.connect.file.FileStreamSinkConnector', reads: [new Topic(chart, 'far-topic', { cluster: other })],
    });
    expect(() => synthApp(app)).toThrow(/\[connector-cluster\]: .*topic 'far-topic' belongs to cluster 'other-kafka'/s);
  });
});
