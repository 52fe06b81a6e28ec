import { Chart, Size, Testing } from 'cdk8s';
import { KafkaCluster, KafkaClusterProps, KafkaListener, KafkaListenerType, KafkaUser, KafkaVersion, Warnings } from '../../../lib';
import { coded } from '../support/errors';
import { appWithChart, only } from '../support/synth';
import { warned } from '../support/warnings';

/** A cluster 'c' made with `props` in a fresh chart 'test'; returns what was made. */
const make = (props: KafkaClusterProps, id = 'c') => () => new KafkaCluster(appWithChart().chart, id, props);
const withListeners = (...listeners: KafkaListener[]) => make({ listeners });

describe('cluster rules: Kafka version (Strimzi 1.2.0 supports 4.2.0 to 4.3.1)', () => {
  const SUPPORTED = 'which supports 4.2.0 (metadata 4.2-IV1), 4.2.1 (metadata 4.2-IV1), 4.3.0 (metadata 4.3-IV0), 4.3.1 (metadata 4.3-IV0)';

  test('KafkaVersion.of refuses an unsupported version', () => {
    // WHEN an old version is looked up THEN the message names it, the supported ones and the fix
    expect(() => KafkaVersion.of('3.9.0')).toThrow(
      coded('kafka-version-unsupported', 'Kafka version "3.9.0" is not supported by Strimzi 1.2.0', SUPPORTED),
    );
  });

  test('a version cast past the types is refused at run time', () => {
    // GIVEN a plain object cast to KafkaVersion WHEN a cluster gets it THEN the cluster refuses it
    expect(make({ version: { version: '9.9.9' } as unknown as KafkaVersion })).toThrow(
      /\[kafka-version-unsupported\]: .*Kafka version "9\.9\.9" is not supported by Strimzi 1\.2\.0, which supports 4\.2\.0 \(metadata/,
    );
    expect(make({ version: '4.3.1' as unknown as KafkaVersion })).toThrow(
      /\[kafka-version-invalid\]: .*version is "4\.3\.1", not a KafkaVersion/,
    );
  });

  test('a supported version with the wrong metadata version is refused; the right pair is accepted', () => {
    expect(make({ version: { version: '4.3.1', metadataVersion: '4.2-IV1' } as KafkaVersion })).toThrow(
      /\[kafka-metadata-version-mismatch\]: .*Kafka 4\.3\.1 runs metadata version 4\.3-IV0, not "4\.2-IV1"/,
    );
    const cluster = make({ version: { version: '4.2.0', metadataVersion: '4.2-IV1' } as KafkaVersion })();
    expect(cluster.version).toBe(KafkaVersion.V4_2_0);
  });
});

describe('cluster rules: the cluster name, ids and prop shapes', () => {
  test('the cluster name must be a DNS-1035 label (Strimzi names Services after it)', () => {
    expect(make({}, 'My_Cluster')).toThrow(
      /\[cluster-name-invalid\]: .*the cluster name 'My_Cluster' is not a valid DNS-1035 label: it must be at most 63 characters/,
    );
    expect(make({ name: '1kafka' })).toThrow(/\[cluster-name-invalid\]: .*the cluster name '1kafka' is not a valid DNS-1035 label/);
  });

  test('a name whose bootstrap Service would pass 63 characters is refused, naming the Service', () => {
    const name = 'a'.repeat(48);
    expect(make({ name })).toThrow(
      /\[cluster-derived-name-invalid\]: .*Strimzi would create the bootstrap Service/,
    );
    expect(make({ name: 'a'.repeat(47) })).not.toThrow();
  });

  test("an external listener's bootstrap Service counts too", () => {
    // GIVEN a 40-character name: fine for '<name>-kafka-bootstrap', too long for '<name>-kafka-external1-bootstrap'
    const name = 'a'.repeat(40);
    expect(make({ name, listeners: [{ name: 'external1', port: 9094, type: KafkaListenerType.LOADBALANCER }] })).toThrow(
      /\[cluster-derived-name-invalid\]: .*Strimzi would create the bootstrap Service of listener 'external1'/,
    );
  });

  test('props of the wrong shape are refused, naming the prop', () => {
    expect(make({ listeners: 'plain' as unknown as KafkaListener[] })).toThrow(/\[prop-not-a-list\]: .*listeners is "plain", not a list/);
    expect(make({ listeners: [null as unknown as KafkaListener] })).toThrow(/\[prop-item-not-an-object\]: .*listeners\[0\] is null, not an object/);
    expect(make({ config: 5 as unknown as KafkaClusterProps['config'] })).toThrow(/\[prop-not-a-map\]: .*config is 5, not a map of names to values/);
    expect(make({ labels: 'team-a' as unknown as Record<string, string> }))
      .toThrow(/\[prop-not-a-map\]: .*labels is "team-a", not a map of names to values/);
    expect(make({ storage: { size: '10Gi' as unknown as Size } }))
      .toThrow(/\[volume-size-not-a-size\]: .*the JBOD volume 0 size is "10Gi", not a Size/);
  });

  test('operator switches are booleans', () => {
    expect(make({ topicOperator: 'no' as unknown as boolean })).toThrow(/\[cluster-prop-not-boolean\]: .*topicOperator is "no", not true or false/);
  });

  test('a duplicate construct id names the scope and the fix', () => {
    const { chart } = appWithChart();
    new KafkaCluster(chart, 'c');
    expect(() => new KafkaCluster(chart, 'c')).toThrow(
      /\[construct-id-duplicate\]: .*'test' already holds a construct with the id 'c' \(a KafkaCluster\)/,
    );
  });

  test('a duplicate KafkaUser id is named the same way', () => {
    const { chart } = appWithChart();
    const cluster = new KafkaCluster(chart, 'c');
    new KafkaUser(chart, 'u', { cluster });
    expect(() => new KafkaUser(chart, 'u', { cluster })).toThrow(
      /\[construct-id-duplicate\]: .*'test' already holds a construct with the id 'u' \(a KafkaUser\)/,
    );
  });

  test('an empty construct id is refused', () => {
    expect(make({}, '')).toThrow(/\[construct-id-empty\]: .*the construct id is ""/);
  });
});

describe('cluster rules: listeners (Strimzi ListenersValidator)', () => {
  test('names match [a-z0-9]{1,11}', () => {
    expect(withListeners({ name: 'Plain_Text', port: 9092 })).toThrow(
      /\[listener-name-invalid\]: .*the name must be 1 to 11 lower-case letters or digits/,
    );
    expect(withListeners({ name: 'averylongname', port: 9092 })).toThrow(/\[listener-name-invalid\]: .*the name must be 1 to 11/);
    expect(withListeners({ name: '', port: 9092 })).toThrow(/\[listener-name-invalid\]: .*the name must be 1 to 11 lower-case letters or digits/);
  });

  test('names are unique', () => {
    expect(withListeners({ name: 'a', port: 9092 }, { name: 'a', port: 9093 }))
    .toThrow(/\[listener-name-duplicate\]: .*the name is used by two listeners/);
  });

  test('ports are unique', () => {
    expect(withListeners({ name: 'a', port: 9092 }, { name: 'b', port: 9092 })).toThrow(
      /\[listener-port-duplicate\]: .*port 9092 is also used by listener 'a'/,
    );
  });

  test.each([9090, 9091, 80, 65536, 9092.5])('port %p is outside 9092..65535', (port) => {
    expect(withListeners({ name: 'a', port })).toThrow(coded('listener-port-invalid', `port ${port} is not a whole number from 9092 to 65535`));
  });

  test.each([[9404, 'Prometheus metrics'], [9999, 'JMX']])('port %p is reserved', (port, use) => {
    expect(withListeners({ name: 'a', port: port as number })).toThrow(coded('listener-port-reserved',
      `port ${port} is reserved by Strimzi for ${use}`));
  });

  test('at least one listener', () => {
    expect(make({ listeners: [] })).toThrow(/\[listeners-empty\]: .*a cluster needs at least one listener/);
  });

  test('a type cast past the enum is refused, listing the types', () => {
    expect(withListeners({ name: 'a', port: 9092, type: 'clusterip' as KafkaListenerType })).toThrow(
      /\[listener-type-unsupported\]: .*type 'clusterip' is not a listener type of Strimzi 1\.2\.0/,
    );
  });

  test('tls must be a boolean', () => {
    expect(withListeners({ name: 'a', port: 9092, tls: 'yes' as unknown as boolean }))
    .toThrow(/\[listener-tls-not-boolean\]: .*tls is "yes", not true or false/);
  });

  test.each([KafkaListenerType.ROUTE, KafkaListenerType.INGRESS, KafkaListenerType.TLSROUTE])('a %s listener requires TLS', (type) => {
    expect(withListeners({ name: 'ext', port: 9094, type })).toThrow(coded('listener-tls-required', `a listener of type '${type}' requires TLS`));
  });

  test.each([KafkaListenerType.INGRESS, KafkaListenerType.TLSROUTE])('a %s listener needs a bootstrap host and a host per broker', (type) => {
    // GIVEN a TLS listener of the type without hosts THEN the bootstrap host is asked for
    const parentRefs = type === KafkaListenerType.TLSROUTE ? [{ name: 'gateway' }] : undefined;
    expect(withListeners({ name: 'ext', port: 9094, type, tls: true, configuration: { parentRefs } })).toThrow(
      coded('listener-bootstrap-host-missing', `a listener of type '${type}' needs configuration.bootstrap.host`),
    );
    // AND with a bootstrap host only, the broker hosts are asked for
    expect(withListeners({ name: 'ext', port: 9094, type, tls: true, configuration: { parentRefs, bootstrap: { host: 'k.example.com' } } })).toThrow(
      coded('listener-broker-hosts-missing', `a listener of type '${type}' needs a host for each of the 1 broker(s)`),
    );
    // AND with a host template it is complete
    expect(withListeners({ name: 'ext', port: 9094, type, tls: true,
      configuration: { parentRefs, bootstrap: { host: 'k.example.com' }, hostTemplate: 'b-{nodeId}.example.com' } })).not.toThrow();
  });

  test('listener hosts are DNS names', () => {
    expect(withListeners({ name: 'ext', port: 9094, type: KafkaListenerType.ROUTE, tls: true,
      configuration: { bootstrap: { host: 'Kafka Example.com' } } })).toThrow(
      /\[listener-host-invalid\]: .*host "Kafka Example\.com" is not a DNS name \(a DNS-1123 subdomain\)/,
    );
  });

  test('a tlsroute listener needs the Gateway it attaches to', () => {
    expect(withListeners({ name: 'ext', port: 9094, type: KafkaListenerType.TLSROUTE, tls: true,
      configuration: { bootstrap: { host: 'k.example.com' }, hostTemplate: 'b-{nodeId}.example.com' } })).toThrow(
      /\[listener-parent-refs-missing\]: .*a listener of type 'tlsroute' needs configuration\.parentRefs \(the Gateway to attach to\)/,
    );
  });

  test.each([
    ['useServiceDnsDomain', KafkaListenerType.LOADBALANCER, { useServiceDnsDomain: true }, 'internal, cluster-ip'],
    ['bootstrap.nodePort', KafkaListenerType.LOADBALANCER, { bootstrap: { nodePort: 32000 } }, 'nodeport'],
    ['bootstrap.host', KafkaListenerType.NODEPORT, { bootstrap: { host: 'k.example.com' } }, 'route, ingress, tlsroute'],
    ['brokers[].loadBalancerIP', KafkaListenerType.NODEPORT, { brokers: [{ broker: 0, loadBalancerIp: '10.0.0.1' }] }, 'loadbalancer'],
    ['externalTrafficPolicy', KafkaListenerType.CLUSTER_IP, { externalTrafficPolicy: 'Local' as never }, 'loadbalancer, nodeport'],
    ['ipFamilyPolicy', KafkaListenerType.INTERNAL, { ipFamilyPolicy: 'SingleStack' as never },
      'cluster-ip, route, ingress, tlsroute, loadbalancer, nodeport'],
  ])('configuration.%s is refused on a %s listener', (field, type, configuration, allowed) => {
    expect(withListeners({ name: 'x', port: 9094, type, configuration })).toThrow(
      coded('listener-configuration-not-for-type', `configuration.${field} applies only to ${allowed} listeners, not '${type}'`),
    );
  });

  test('createBootstrapService: false is for load balancer listeners only', () => {
    expect(withListeners({ name: 'x', port: 9094, type: KafkaListenerType.NODEPORT, configuration: { createBootstrapService: false } })).toThrow(
      /\[listener-bootstrap-service-not-for-type\]: .*configuration\.createBootstrapService applies only to loadbalancer listeners, not 'nodeport'/,
    );
  });

  test('a custom certificate needs TLS', () => {
    expect(withListeners({ name: 'x', port: 9094, configuration: { brokerCertChainAndKey: { secretName: 's', certificate: 'c', key: 'k' } } }))
    .toThrow(
      /\[listener-certificate-without-tls\]: .*a custom certificate \(brokerCertChainAndKey\) needs TLS encryption/,
    );
  });

  test('the listener configuration reaches the Kafka resource in Strimzi field names', () => {
    // GIVEN a load balancer listener with a bootstrap IP
    const { chart } = appWithChart();
    new KafkaCluster(chart, 'c', { listeners: [{ name: 'lb', port: 9094, type: KafkaListenerType.LOADBALANCER, tls: true,
      configuration: { bootstrap: { loadBalancerIp: '10.0.0.10' } } }] });
    // THEN it is rendered with the CRD's field name
    expect(only(Testing.synth(chart), 'Kafka').spec.kafka.listeners[0].configuration).toEqual({ bootstrap: { loadBalancerIP: '10.0.0.10' } });
  });

  test('bootstrap servers of an unknown or external listener', () => {
    const { chart } = appWithChart();
    const cluster = new KafkaCluster(chart, 'c', {
      listeners: [{ name: 'plain', port: 9092 }, { name: 'ext', port: 9094, type: KafkaListenerType.ROUTE, tls: true }],
    });
    expect(() => cluster.bootstrapServers('tls')).toThrow(/\[listener-unknown\]: .*it has no listener 'tls'/);
    expect(() => cluster.bootstrapServers('ext')).toThrow(
      /\[listener-not-in-cluster\]: .*it is of type 'route', which advertises external addresses/,
    );
  });

  test("an external listener's own bootstrapServers is refused, naming the listener", () => {
    // GIVEN a cluster with an internal and a route listener
    const { chart } = appWithChart();
    const cluster = new KafkaCluster(chart, 'c', {
      listeners: [{ name: 'plain', port: 9092 }, { name: 'ext', port: 9094, type: KafkaListenerType.ROUTE, tls: true }],
    });
    // WHEN the route listener itself is asked for an in-cluster address THEN it refuses; the internal one answers
    const external = () => cluster.listener('ext').bootstrapServers;
    expect(external).toThrow(
      coded('listener-bootstrap-external', "of type 'route', which advertises external addresses", "'internal' or 'cluster-ip'"));
    expect(external).toThrow(/^KafkaCluster 'c' listener 'ext' /);
    expect(cluster.listener('plain').bootstrapServers).toBe('c-kafka-bootstrap:9092');
  });
});

describe("cluster rules: broker config (Strimzi 1.2.0's managed keys, Kafka 4.3's definitions)", () => {
  const additional = (config: Record<string, string | number | boolean>) => make({ config: { additional: config } });

  test.each([
    ['listeners', 'listeners', "the cluster's `listeners`"],
    ['ssl.keystore.location', 'ssl.', "the listeners' `tls` and authentication"],
    ['SSL.Keystore.Type', 'ssl.', "the listeners' `tls` and authentication"],
    ['authorizer.class.name', 'authorizer.', "the cluster's authorization (`spec.kafka.authorization`)"],
    ['log.dirs', 'log.dir', 'the storage of the node pools'],
    ['node.id', 'node.id', 'the node pools (`brokers`, `controllers`), which Strimzi turns into KRaft settings'],
    ['controller.quorum.voters', 'controller.', 'the node pools (`brokers`, `controllers`), which Strimzi turns into KRaft settings'],
    ['broker.rack', 'broker.', 'the node pools (`brokers`, `controllers`), which Strimzi turns into KRaft settings'],
    ['client.quota.callback.static.produce', 'client.quota.callback.static.produce', '`spec.kafka.quotas`'],
    ['prometheus.metrics.reporter.allowlist', 'prometheus.metrics.reporter.', '`spec.kafka.metricsConfig`'],
    ['cordoned.log.dirs', 'cordoned.log.dirs', 'the storage of the node pools'],
    ['zookeeper.connect', 'zookeeper.connect', 'nothing: Strimzi 1.2.0 runs KRaft only, without ZooKeeper'],
    ['listener.name.plain-9092.ssl.client.auth', 'listener.', "the cluster's `listeners`"],
  ])('%s is managed by Strimzi (prefix %s)', (key, prefix, instead) => {
    expect(additional({ [key]: 'x' }))
      .toThrow(coded('broker-config-strimzi-managed', `broker config '${key}' is managed by Strimzi`, `'${prefix}'`, instead));
  });

  test.each([
    ['ssl.cipher.suites', 'TLS_AES_256_GCM_SHA384'], ['ssl.enabled.protocols', 'TLSv1.3'], ['ssl.protocol', 'TLSv1.3'],
    ['sasl.server.max.receive.size', 524288], ['broker.session.timeout.ms', 18000], ['broker.heartbeat.interval.ms', 2000],
    ['controller.socket.timeout.ms', 30000], ['controller.quorum.election.timeout.ms', 1000], ['controller.quorum.fetch.timeout.ms', 2000],
    ['cruise.control.metrics.topic.num.partitions', 1], ['cruise.control.metrics.topic.min.insync.replicas', 1],
    ['listener.name.plain-9092.max.connections', 1000], ['listener.name.tls-9093.connections.max.reauth.ms', 60000],
    ['replica.selector.class', 'org.apache.kafka.common.replica.RackAwareReplicaSelector'], ['log.retention.hours', 72],
  ])("Strimzi's exception %s is allowed", (key, value) => {
    // GIVEN a key matched by a forbidden prefix but listed among Strimzi's exceptions (or an ordinary key)
    const { chart } = appWithChart();
    new KafkaCluster(chart, 'c', { config: { additional: { [key]: value } } });
    // THEN it reaches spec.kafka.config unchanged
    expect(only(Testing.synth(chart), 'Kafka').spec.kafka.config[key]).toBe(value);
  });

  test('a per-listener key of a listener the cluster does not have is managed by Strimzi', () => {
    expect(additional({ 'listener.name.external-9094.max.connections': 10 }))
    .toThrow(/\[broker-config-strimzi-managed\]: .*broker config 'listener\.name\.external-9094\.max\.connections' is managed by Strimzi 1\.2\.0/);
  });

  test('a raw key that a typed property sets is kept with a hint, and goes through that property\'s rules', () => {
    // GIVEN broker config keys written as Strimzi's YAML has them
    const { chart } = appWithChart();
    new KafkaCluster(chart, 'c', { brokers: 3, config: { additional: { 'min.insync.replicas': '1', 'default.replication.factor': 3 } } });
    // WHEN synthesized THEN they reach spec.kafka.config as Kafka reads them
    expect(only(Testing.synth(chart), 'Kafka').spec.kafka.config).toMatchObject({ 'min.insync.replicas': 1, 'default.replication.factor': 3 });
    // AND each gets the hint naming its typed property
    expect(Warnings.of(chart).all.filter((w) => w.code === 'raw-typed-config')).toEqual([
      warned('raw-typed-config', "KafkaCluster 'c' (test/c)", "config 'min.insync.replicas'", "'additional'", "'minInsyncReplicas'"),
      warned('raw-typed-config', "KafkaCluster 'c' (test/c)", "config 'default.replication.factor'", "'additional'", "'defaultReplicationFactor'"),
    ]);
    // AND the typed property's rules apply to the raw value
    expect(additional({ 'min.insync.replicas': 4 }))
      .toThrow(coded('broker-min-isr-invalid', 'min.insync.replicas is 4 but must be a whole number from 1 to default.replication.factor'));
  });

  test('a raw key and its typed property must agree', () => {
    expect(make({ config: { minInsyncReplicas: 2, additional: { 'min.insync.replicas': 1 } } })).toThrow(
      coded('raw-typed-config-conflict', "config 'min.insync.replicas' is 1 in 'additional'", "'minInsyncReplicas' makes it 2"),
    );
  });

  test.each([
    ['num.partitions', 0, 'it must be at least 1', ' (its default is 1)'],
    ['log.retention.hours', 1.5, 'it must be a whole number (Kafka type INT)', ' (its default is 168)'],
    ['log.cleanup.policy', 'Delete', "'Delete' is not one of compact, delete", ' (its default is delete)'],
    ['compression.type', 'brotli', 'it must be one of uncompressed, zstd, lz4, snappy, gzip, producer (exactly, case matters)',
      ' (its default is producer)'],
    ['auto.leader.rebalance.enable', 'yes', 'it must be true or false', ' (its default is true)'],
    ['log.retention.bytes', 2 ** 60, 'it is beyond the whole numbers JavaScript holds exactly (2^53): pass it as a string', ' (its default is -1)'],
  ])('broker config %s=%p is checked against Kafka 4.3', (key, value, problem, defaultText) => {
    expect(additional({ [key]: value })).toThrow(
      coded('broker-config-value-invalid', `broker config ${key}=${JSON.stringify(value)} is invalid: ${problem}`, `accepts${defaultText}`),
    );
  });

  test('a key Kafka keeps internal is refused', () => {
    expect(additional({ 'unstable.api.versions.enable': true }))
    .toThrow(/\[broker-config-value-invalid\]: .*broker config unstable\.api\.versions\.enable=true is invalid: Kafka keeps this key internal/);
  });

  test('a value that is not a string, number or boolean is refused', () => {
    expect(additional({ 'my.plugin.setting': { nested: 1 } as unknown as string })).toThrow(
      /\[broker-config-value-type-invalid\]: .*broker config 'my\.plugin\.setting' is invalid: object is not a config value \(use a string/,
    );
    expect(make({ config: { additional: 'x' as unknown as Record<string, string> } }))
      .toThrow(/\[broker-config-not-a-map\]: .*'additional' is "x", not a map of broker config keys to values/);
  });

  test('a plugin key far from every Kafka key passes without a warning', () => {
    const { app, chart } = appWithChart();
    new KafkaCluster(chart, 'c', { brokers: 3, config: { additional: { 'confluent.balancer.enable': true } } });
    expect(Warnings.of(app).all).toEqual([]);
  });

  test('replication factors cannot exceed the broker count', () => {
    expect(make({ brokers: 2, config: { offsetsTopicReplicationFactor: 3 } })).toThrow(
      /\[broker-replication-factor-invalid\]: .*offsets\.topic\.replication\.factor is invalid: 3 is outside 1 to 2/,
    );
    expect(make({ config: { defaultReplicationFactor: 0 } }))
      .toThrow(/\[broker-replication-factor-invalid\]: .*default\.replication\.factor is invalid: 0 is outside 1 to 1/);
    expect(make({ config: { transactionStateLogReplicationFactor: 1.5 } }))
      .toThrow(/\[broker-replication-factor-invalid\]: .*transaction\.state\.log\.replication\.factor is invalid: 1\.5 is not a whole number/);
  });

  test('min ISR cannot exceed its replication factor', () => {
    expect(make({ brokers: 3, config: { defaultReplicationFactor: 2, minInsyncReplicas: 3 } })).toThrow(
      /\[broker-min-isr-invalid\]: .*min\.insync\.replicas is 3 but must be a whole number from 1 to default\.replication\.factor \(2\)/,
    );
    expect(make({ brokers: 3, config: { transactionStateLogMinIsr: 0 } }))
      .toThrow(/\[broker-min-isr-invalid\]: .*transaction\.state\.log\.min\.isr is 0 but must be a whole number from 1/);
  });

  test('autoCreateTopics must be a boolean', () => {
    expect(make({ config: { autoCreateTopics: 'false' as unknown as boolean } }))
    .toThrow(/\[cluster-auto-create-topics-not-boolean\]: .*autoCreateTopics is "false", not true or false/);
  });
});

describe('cluster rules: storage (the node pools own the size rules)', () => {
  test('the storage class must be a valid StorageClass name', () => {
    expect(make({ storage: { storageClass: 'Fast SSD' } })).toThrow(
      /\[volume-storage-class-invalid\]: .*the JBOD volume 0 storage class 'Fast SSD' is not a valid DNS-1123 subdomain: it must be at/,
    );
    expect(make({ storage: { storageClass: '' } })).toThrow(/\[volume-storage-class-invalid\]: .*storage class '' is not a valid DNS-1123 subdomain/);
  });

  test('deleteClaim must be a boolean', () => {
    expect(make({ storage: { deleteClaim: 'no' as unknown as boolean } }))
    .toThrow(/\[volume-delete-claim-not-boolean\]: .*the JBOD volume 0 deleteClaim is "no", not true or false/);
  });
});

describe('cluster rules across objects (checked at synth)', () => {
  test('two clusters in one namespace would make the same KafkaNodePool', () => {
    // GIVEN two clusters in the same chart, whose node pools are both named 'dual-role'
    const { chart } = appWithChart('kafka');
    new KafkaCluster(chart, 'a');
    new KafkaCluster(chart, 'b');
    // WHEN synthesized THEN the second pool names the first one's path
    expect(() => Testing.synth(chart)).toThrow(
      /\[object-name-duplicate\]: .*another KafkaNodePool of the same name in namespace 'kafka' is made/,
    );
  });

  test('clusters in different namespaces are fine', () => {
    const app = Testing.app();
    new KafkaCluster(new Chart(app, 'x', { namespace: 'x' }), 'a');
    const chart = new Chart(app, 'y', { namespace: 'y' });
    new KafkaCluster(chart, 'b');
    expect(() => Testing.synth(chart)).not.toThrow();
  });
});
