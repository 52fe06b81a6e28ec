import { Chart, Testing } from 'cdk8s';
import {
  AclOperation, AclPatternType, AclResource, IKafkaCluster, KafkaCluster, KafkaUser, ListenerAuthentication, MicroservicePair, Topic, Warnings,
} from '../../../lib';
import { about, coded } from '../support/errors';
import { validateAgainstKubernetes, validateAgainstStrimziCrds } from '../support/schemas';
import { muteStderr } from '../support/stderr';
import { only } from '../support/synth';
import { warned } from '../support/warnings';

// The pair's admission to a listener of a cluster defined elsewhere is a warning, asserted through Warnings.of(app).
muteStderr();

/** A team's chart that knows the platform team's cluster only by its name and namespace. */
function teamApp() {
  const app = Testing.app();
  const chart = new Chart(app, 'team', { namespace: 'kafka' });
  const cluster = KafkaCluster.fromExisting(chart, 'platform', { name: 'platform', namespace: 'kafka' });
  return { app, chart, cluster };
}

describe('KafkaCluster.fromExisting: a cluster defined elsewhere', () => {
  test('a Topic, a KafkaUser with grants and a MicroservicePair against it', () => {
    // GIVEN a chart that only knows the cluster's name and namespace
    const { app, chart, cluster } = teamApp();
    // WHEN it adds a topic, a user with grants and a pair
    const topic = new Topic(chart, 'orders', { cluster, partitions: 3 });
    const reporting = new KafkaUser(chart, 'reporting', { cluster });
    const read = topic.grantRead(reporting, 'reporting');
    const describe = topic.grantDescribe(reporting);
    const pair = new MicroservicePair(chart, 'pair', { cluster, topic });
    const objects = Testing.synth(chart);

    // THEN nothing of the cluster is rendered, only the team's objects, each bound to the cluster by its label
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'KafkaTopic/orders', 'KafkaUser/reporting',
      'KafkaUser/data-producer', 'Deployment/data-producer', 'Service/data-producer', 'NetworkPolicy/data-producer',
      'KafkaUser/data-consumer', 'Deployment/data-consumer', 'Service/data-consumer', 'NetworkPolicy/data-consumer',
    ]);
    for (const kind of ['KafkaTopic', 'KafkaUser']) {
      expect(objects.filter((o) => o.kind === kind).map((o) => o.metadata.labels['strimzi.io/cluster'])).not.toContain(undefined);
      expect(new Set(objects.filter((o) => o.kind === kind).map((o) => o.metadata.labels['strimzi.io/cluster']))).toEqual(new Set(['platform']));
    }
    // AND the replicas default to 3, as the broker count is unknown
    expect(only(objects, 'KafkaTopic').spec.replicas).toBe(3);
    // AND each grant returns exactly the ACLs it added, which the user renders
    expect(read.grantee).toBe(reporting);
    expect(read.acls).toEqual([
      { resource: AclResource.topic('orders'), operations: [AclOperation.READ] },
      { resource: AclResource.group('reporting', AclPatternType.LITERAL), operations: [AclOperation.READ] },
    ]);
    expect(describe.acls).toEqual([{ resource: AclResource.topic('orders'), operations: [AclOperation.DESCRIBE] }]);
    expect(only(objects, 'KafkaUser', 'reporting').spec.authorization.acls).toEqual([
      { resource: { type: 'topic', name: 'orders', patternType: 'literal' }, operations: ['Read', 'Describe'] },
      { resource: { type: 'group', name: 'reporting', patternType: 'literal' }, operations: ['Read'] },
    ]);
    // AND the services reach the cluster by the names Strimzi derives from its name: bootstrap Service, CA Secret,
    // and the Secret the User Operator writes for each service's own user
    const pod = only(objects, 'Deployment', 'data-consumer').spec.template.spec;
    expect(pod.containers[0].env).toEqual(expect.arrayContaining([
      { name: 'KAFKA_BOOTSTRAP_SERVERS', value: 'platform-kafka-bootstrap:9093' },
      { name: 'KAFKA_SASL_USERNAME', value: 'data-consumer' },
    ]));
    expect(pod.volumes).toEqual(expect.arrayContaining([
      expect.objectContaining({ secret: expect.objectContaining({ secretName: 'platform-cluster-ca-cert' }) }),
      expect.objectContaining({ secret: expect.objectContaining({ secretName: 'data-consumer' }) }),
    ]));
    expect(only(objects, 'NetworkPolicy', 'data-consumer').spec.egress[0].to).toEqual([{
      podSelector: { matchLabels: { 'strimzi.io/cluster': 'platform', 'strimzi.io/kind': 'Kafka', 'strimzi.io/broker-role': 'true' } },
    }]);
    expect(pair.consumer.user?.cluster).toBe(cluster);
    // AND, as this app cannot set the cluster's listener peers, it says which pods its owner must admit
    expect(Warnings.of(app).all.filter((w) => w.code === 'listener-managed-elsewhere')).toEqual([
      warned('listener-managed-elsewhere', "KafkaCluster 'platform' listener 'tls' (team/platform)", '{"app.kubernetes.io/name":"data-producer"}'),
      warned('listener-managed-elsewhere', "KafkaCluster 'platform' listener 'tls' (team/platform)", '{"app.kubernetes.io/name":"data-consumer"}'),
    ]);
    // AND every object is valid for Strimzi 1.2.0 and Kubernetes
    const failures = [...validateAgainstStrimziCrds(objects), ...validateAgainstKubernetes(objects)].filter((r) => r.errors.length);
    expect(failures).toEqual([]);
  });

  test('its listeners and User Operator settings decide the clients\' address, authentication and Secret names', () => {
    // GIVEN an existing cluster with one mTLS listener on 9095 and a secretPrefix
    const app = Testing.app();
    const chart = new Chart(app, 'team', { namespace: 'kafka' });
    const cluster = KafkaCluster.fromExisting(chart, 'platform', {
      name: 'platform',
      listeners: [{ name: 'mtls', port: 9095, tls: true, authentication: ListenerAuthentication.TLS }],
      userOperator: { secretPrefix: 'kafka-' },
      brokers: 5,
    });
    // WHEN a pair connects to it
    const topic = new Topic(chart, 'orders', { cluster });
    const pair = new MicroservicePair(chart, 'pair', { cluster, topic });
    const objects = Testing.synth(chart);
    // THEN the namespace is the chart's, the address and user Secret follow the given facts
    expect(cluster.namespace).toBe('kafka');
    expect(cluster.bootstrapServers('mtls')).toBe('platform-kafka-bootstrap:9095');
    expect(pair.producer.user?.credentials).toMatchObject({ secretName: 'kafka-data-producer', certificateKey: 'user.crt' });
    expect(only(objects, 'KafkaUser', 'data-producer').spec.authentication).toEqual({ type: 'tls' });
    // AND the replicas default from the brokers given
    expect(only(objects, 'KafkaTopic').spec.replicas).toBe(3);
  });

  test('a topic in another namespace than the existing cluster is refused at synth', () => {
    // GIVEN a cluster said to be in 'kafka', and a topic made in a chart of namespace 'apps'
    const app = Testing.app();
    const chart = new Chart(app, 'apps', { namespace: 'apps' });
    const cluster = KafkaCluster.fromExisting(chart, 'platform', { name: 'platform', namespace: 'kafka' });
    new Topic(chart, 'orders', { cluster });
    // WHEN synthesized THEN the Topic Operator's namespace rule fails the synth
    expect(() => Testing.synth(chart))
      .toThrow(about("Topic 'orders' (apps/orders)", coded('topic-namespace-mismatch', "namespace 'apps'", "cluster 'platform'", "'kafka'")));
  });

  test('grants to a user of another cluster are refused, and two references to one cluster are the same cluster', () => {
    // GIVEN two references to the platform cluster and one to another cluster
    const { chart, cluster } = teamApp();
    const again = KafkaCluster.fromExisting(chart, 'platform-again', { name: 'platform', namespace: 'kafka' });
    const other = KafkaCluster.fromExisting(chart, 'other', { name: 'other', namespace: 'kafka' });
    const topic = new Topic(chart, 'orders', { cluster });
    // WHEN granting THEN a user of the same cluster by another reference gets the ACL, one of another cluster an error
    expect(topic.grantWrite(new KafkaUser(chart, 'writer', { cluster: again })).acls).toHaveLength(1);
    expect(() => topic.grantWrite(new KafkaUser(chart, 'stranger', { cluster: other })))
      .toThrow(coded('grant-other-cluster', "grant write to KafkaUser 'stranger' of cluster 'other'"));
  });

  test('a name is required', () => {
    const { chart } = teamApp();
    expect(() => KafkaCluster.fromExisting(chart, 'nameless', { name: ' ' }))
      .toThrow(/\[existing-cluster-name-missing\]: .*fromExisting needs the name of the Kafka resource/);
  });
});

describe('Topic.fromExisting: a topic managed elsewhere', () => {
  test('grants reach it and a pair uses it, and nothing is rendered for it', () => {
    // GIVEN an existing cluster and topic
    const { chart, cluster } = teamApp();
    const topic = Topic.fromExisting(chart, 'orders', { topicName: 'orders.v1', cluster, partitions: 2 });
    // WHEN a pair with 3 consumers uses it
    new MicroservicePair(chart, 'pair', { cluster, topic, consumer: { replicas: 3 } });
    // THEN the consumers beyond the partitions are reported, and no KafkaTopic is made
    expect(() => Testing.synth(chart)).toThrow(coded('pair-consumers-above-partitions', '3 replicas', "topic 'orders.v1'", '2 partition(s)'));
    expect(chart.node.findAll().some((c) => (c as { kind?: string }).kind === 'KafkaTopic')).toBe(false);
  });

  test('its cluster must be an IKafkaCluster', () => {
    // GIVEN a cluster's name where the cluster belongs (a JavaScript caller, or a cast)
    const { chart } = teamApp();
    // WHEN the topic is referenced THEN it is refused, naming the fix
    expect(() => Topic.fromExisting(chart, 'orders', { topicName: 'orders', cluster: 'platform' as unknown as IKafkaCluster }))
      .toThrow(coded('existing-topic-cluster-invalid', 'its cluster is not an IKafkaCluster', 'KafkaCluster.fromExisting'));
  });
});
