import { Testing } from 'cdk8s';
import { AclPatternType, KafkaCluster, KafkaUser, Topic } from '../../../lib';
import { coded } from '../support/errors';
import { appWithChart, only } from '../support/synth';

/** A cluster, a topic whose Kafka name differs from its resource name, and a user, in one chart. */
function grantApp() {
  const { chart } = appWithChart();
  const cluster = new KafkaCluster(chart, 'events');
  const topic = new Topic(chart, 'readings', { cluster, topicName: 'Sensor.Readings' });
  const user = new KafkaUser(chart, 'app', { cluster });
  const aclsOf = () => only(Testing.synth(chart), 'KafkaUser').spec.authorization?.acls;
  return { chart, cluster, topic, user, aclsOf };
}

describe('grants read from the topic (exactly what each access needs on Kafka 4.3)', () => {
  test('grantWrite: Write on the topic, nothing on the cluster (Describe is implied, IdempotentWrite unneeded)', () => {
    // GIVEN a user granted write by the topic
    const { topic, user, aclsOf } = grantApp();
    // WHEN
    topic.grantWrite(user);
    // THEN one rule, on the topic's Kafka name
    expect(aclsOf()).toEqual([
      { resource: { type: 'topic', name: 'Sensor.Readings', patternType: 'literal' }, operations: ['Write'] },
    ]);
  });

  test('grantRead: Read on the topic and Read on the consumer group', () => {
    const { topic, user, aclsOf } = grantApp();
    topic.grantRead(user, 'dashboards');
    expect(aclsOf()).toEqual([
      { resource: { type: 'topic', name: 'Sensor.Readings', patternType: 'literal' }, operations: ['Read'] },
      { resource: { type: 'group', name: 'dashboards', patternType: 'literal' }, operations: ['Read'] },
    ]);
  });

  test('grantRead with a group prefix covers every group whose id starts with it', () => {
    const { topic, user, aclsOf } = grantApp();
    topic.grantRead(user, 'dashboards-', AclPatternType.PREFIX);
    expect(aclsOf()[1]).toEqual({ resource: { type: 'group', name: 'dashboards-', patternType: 'prefix' }, operations: ['Read'] });
  });

  test('grantDescribe: Describe on the topic only', () => {
    const { topic, user, aclsOf } = grantApp();
    topic.grantDescribe(user);
    expect(aclsOf()).toEqual([
      { resource: { type: 'topic', name: 'Sensor.Readings', patternType: 'literal' }, operations: ['Describe'] },
    ]);
  });

  test('grants add up: read and write on one topic make one topic rule', () => {
    const { topic, user, aclsOf } = grantApp();
    topic.grantWrite(user);
    topic.grantRead(user, 'g');
    topic.grantRead(user, 'g');
    expect(aclsOf()).toEqual([
      { resource: { type: 'topic', name: 'Sensor.Readings', patternType: 'literal' }, operations: ['Read', 'Write'] },
      { resource: { type: 'group', name: 'g', patternType: 'literal' }, operations: ['Read'] },
    ]);
  });
});

describe('grant rules', () => {
  test('a user of another cluster cannot be granted a topic', () => {
    const { chart, topic } = grantApp();
    const other = new KafkaUser(chart, 'stranger', { cluster: new KafkaCluster(appWithChart('x').chart, 'other') });
    expect(() => topic.grantWrite(other)).toThrow(
      /\[grant-other-cluster\]: .*cannot grant write to KafkaUser 'stranger' of cluster 'other': ACLs act only in the cluster/,
    );
  });

  test('a grant to a user defined elsewhere is refused, naming the ACLs to add where the user is defined', () => {
    // GIVEN a user of the topic's cluster that another app defines
    const { chart, cluster, topic } = grantApp();
    const billing = KafkaUser.fromExisting(chart, 'billing', { name: 'billing', cluster });
    // WHEN it is granted read THEN nothing is added silently: the grant fails with the rules its KafkaUser needs
    expect(() => topic.grantRead(billing, 'billing')).toThrow(coded('existing-user-acls-elsewhere',
      "cannot give it topic 'Sensor.Readings': Read; group 'billing': Read", "spec.authorization.acls", "where it is defined"));
    expect(() => topic.grantWrite(billing)).toThrow(coded('existing-user-acls-elsewhere', "topic 'Sensor.Readings': Write"));
    // AND a user of another cluster is refused for that first
    const other = KafkaCluster.fromExisting(chart, 'o', { name: 'other' });
    const stranger = KafkaUser.fromExisting(chart, 'stranger', { name: 'stranger', cluster: other });
    expect(() => topic.grantDescribe(stranger)).toThrow(coded('grant-other-cluster', "KafkaUser 'stranger' of cluster 'other'"));
  });

  test('a read grant names its consumer group', () => {
    const { topic, user } = grantApp();
    expect(() => topic.grantRead(user, ' ')).toThrow(
      /\[grant-read-without-group\]: .*a read grant to KafkaUser 'app' needs the consumer group it reads/,
    );
  });
});
