import { Testing } from 'cdk8s';
import { buildConnectApp } from '../../../examples/connect-app';
import { validateAgainstKubernetes, validateAgainstStrimziCrds } from '../support/schemas';
import { muteStderr } from '../support/stderr';
import { only, synthApp } from '../support/synth';

muteStderr();

describe('the Connect example (examples/connect-app.ts)', () => {
  // GIVEN the example app, which imports the library by its package name
  const app = Testing.app();
  const { connect } = buildConnectApp(app);
  // WHEN synthesized
  const objects = synthApp(app);
  const acls = (user: string) => only(objects, 'KafkaUser', user).spec.authorization.acls
    .map((a: any) => `${a.resource.type}:${a.resource.name} ${a.operations.join('+')}`);

  test('derives every identity and ACL from the wiring, none typed by hand', () => {
    expect(objects.filter((o) => o.kind === 'KafkaUser').map((o) => o.metadata?.name)).toEqual(
      ['orders-connect', 'orders-bridge', 'data-producer', 'data-consumer']);
    expect(acls('orders-connect')).toEqual([
      'topic:orders-connect-configs Read+Write', 'group:orders-connect Read', 'topic:orders-connect-offsets Read+Write',
      'topic:orders-connect-status Read+Write', 'topic:orders Read+Write', 'group:connect-orders-file-sink Read',
    ]);
    expect(acls('orders-bridge')).toEqual(['topic:orders Read+Write', 'group:orders-bridge Read']);
    expect(acls('data-producer')).toEqual(['topic:orders Write']);
    expect(acls('data-consumer')).toEqual(['topic:orders Read', 'group:data-consumer Read']);
    expect(connect.storageTopics.map((t) => t.topicName)).toEqual(['orders-connect-configs', 'orders-connect-offsets', 'orders-connect-status']);
    expect(Testing.synth(app.charts[0])).toMatchSnapshot();
  });

  test('validates against the Strimzi CRDs and Kubernetes schemas', () => {
    const failures = [...validateAgainstStrimziCrds(objects), ...validateAgainstKubernetes(objects)].filter((r) => r.errors.length);
    expect(failures).toEqual([]);
  });
});
