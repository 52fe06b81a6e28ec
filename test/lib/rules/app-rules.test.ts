import { ApiObject, App, Chart, JsonPatch, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import {
  KafkaAuthorization, KafkaCluster, KafkaListenerType, KafkaUser, MicroservicePair, strimzi, SynthPlan, Topic, UserAuthentication, Warnings,
} from '../../../lib';
import { about, coded } from '../support/errors';
import { appWithChart } from '../support/synth';
import { strictWarning } from '../support/warnings';

/**
 * Rules checked at synth on the final JSON of every object of the app, whatever prop or escape-hatch patch made
 * it: Kubernetes' rules per object, names Strimzi derives, duplicates, and names Strimzi keeps for itself.
 */

/** The seed-like app: cluster 'k' and topic 't' in chart 'infra', a pair in chart 'pair'. */
function app(namespace?: string) {
  const a = Testing.app();
  const infra = new Chart(a, 'infra', { namespace });
  const cluster = new KafkaCluster(infra, 'k');
  const topic = new Topic(infra, 't', { cluster });
  const pair = new MicroservicePair(new Chart(a, 'pair', { namespace }), 'Default', { cluster, topic });
  return { app: a, infra, cluster, topic, pair };
}
/** The producer Deployment of `pair` patched with `patches`. */
const patchProducer = (pair: MicroservicePair, ...patches: JsonPatch[]) => ApiObject.of(pair.producer.deployment).addJsonPatch(...patches);
const CONTAINER = 'spec.template.spec.containers[0]';
const CONTAINER_PATH = '/spec/template/spec/containers/0';

describe('app rules: Kubernetes rules on every object (final JSON)', () => {
  test('label keys and values, on every object that carries them', () => {
    // GIVEN cluster labels with a bad key and a value too long
    const { app: a, chart } = appWithChart();
    new KafkaCluster(chart, 'c', { labels: { 'bad key!': 'v', 'team': 'x'.repeat(64) } });
    // WHEN synthesized THEN both rules are named for the Kafka (and its node pool), with a fix
    expect(() => a.synth()).toThrow(
      /\[k8s-label-key-invalid\]: .*metadata\.labels: label key 'bad key!' is not a valid key: 'bad key!' is not a valid qualified/,
    );
    expect(() => a.synth()).toThrow(
      /\[k8s-label-value-invalid\]: .*metadata\.labels\['team'\]: label value/,
    );
    expect(() => a.synth()).toThrow(/\[k8s-label-key-invalid\]: .*metadata\.labels: label key 'bad key!'/);
  });

  test('a label key prefix must be a DNS-1123 subdomain', () => {
    const { app: a, chart } = appWithChart();
    new KafkaCluster(chart, 'c', { labels: { 'Example.COM/team': 'a' } });
    expect(() => a.synth())
      .toThrow(/\[k8s-label-key-invalid\]: .*metadata\.labels: label key its prefix 'Example\.COM' is not a valid DNS-1123 subdomain/);
  });

  test('annotation keys, values and total size', () => {
    const { app: a, pair } = app();
    patchProducer(pair, JsonPatch.add('/metadata/annotations', { 'bad key!': 'x', 'note': 5, 'big': 'x'.repeat(300 * 1024) }));
    expect(() => a.synth()).toThrow(/\[k8s-annotation-key-invalid\]: .*metadata\.annotations: annotation key 'bad key!' is not a valid key/);
    expect(() => a.synth()).toThrow(/\[k8s-annotation-value-not-a-string\]: .*metadata\.annotations\['note'\]: an annotation value must be a string/);
    expect(() => a.synth())
      .toThrow(/\[k8s-annotations-too-large\]: .*metadata\.annotations: the annotations take 307217 bytes, more than Kubernetes' limit of 262144/);
  });

  test('namespaces are DNS-1123 labels', () => {
    const { app: a } = app('Team_A');
    expect(() => a.synth()).toThrow(
      /\[k8s-namespace-invalid\]: .*metadata\.namespace: 'Team_A' is not a valid DNS-1123 label: it must be at most 63 characters/,
    );
  });

  test('names follow the rule of their kind: Service names are DNS-1035 labels, others DNS-1123 subdomains', () => {
    const { app: a, pair } = app();
    ApiObject.of(pair.consumer.service).addJsonPatch(JsonPatch.replace('/metadata/name', 'data.consumer'));
    patchProducer(pair, JsonPatch.replace('/metadata/name', 'Data-Producer'));
    expect(() => a.synth()).toThrow(/\[k8s-name-invalid\]: .*metadata\.name: 'data\.consumer' is not a valid DNS-1035 label/);
    expect(() => a.synth()).toThrow(/\[k8s-name-invalid\]: .*metadata\.name: 'Data-Producer' is not a valid DNS-1123 subdomain/);
  });

  test('container names, env names, port names and numbers', () => {
    const { app: a, pair } = app();
    patchProducer(pair,
      JsonPatch.replace(`${CONTAINER_PATH}/name`, 'Producer'),
      JsonPatch.add(`${CONTAINER_PATH}/env/-`, { name: '1BAD', value: 'x' }),
      JsonPatch.replace(`${CONTAINER_PATH}/ports/0/name`, 'a-very-long-port-name'),
      JsonPatch.add(`${CONTAINER_PATH}/ports/-`, { containerPort: 70000, name: '8080' }));
    expect(() => a.synth())
      .toThrow(/\[k8s-container-name-invalid\]: .*spec\.template\.spec\.containers\[0\]\.name: 'Producer' is not a valid DNS-1123 label/);
    expect(() => a.synth()).toThrow(coded('k8s-env-name-invalid',
      /spec\.template\.spec\.containers\[0\]\.env\[\d+\]\.name: '1BAD' is not a valid environment variable name/));
    expect(() => a.synth()).toThrow(
      /\[k8s-container-port-name-invalid\]: .*spec\.template\.spec\.containers\[0\]\.ports\[0\]\.name: 'a-very-long-port-name' is not a valid IANA/,
    );
    expect(() => a.synth()).toThrow(coded('k8s-container-port-name-invalid', `${CONTAINER}.ports[1].name: '8080' is not a valid IANA service name`));
    expect(() => a.synth()).toThrow(coded('k8s-port-invalid', `${CONTAINER}.ports[1].containerPort: 70000 is not a port number`));
  });

  test('resource quantities are well formed and not negative', () => {
    // GIVEN CPU quantities cdk8s-plus writes as they come: NaN and a negative number of millicores
    const a = Testing.app();
    const infra = new Chart(a, 'infra');
    const cluster = new KafkaCluster(infra, 'k');
    new MicroservicePair(new Chart(a, 'pair'), 'Default', {
      cluster, topic: new Topic(infra, 't', { cluster }),
      producer: { resources: { cpu: { request: kplus.Cpu.millis(NaN), limit: kplus.Cpu.millis(-5) } } },
    });
    // WHEN synthesized THEN each field is named with the rule
    expect(() => a.synth())
      .toThrow(/\[k8s-quantity-invalid\]: .*spec\.template\.spec\.containers\[0\]\.resources\.requests\.cpu: "NaNm" is not a Kubernetes quantity/);
    expect(() => a.synth()).toThrow(coded('k8s-quantity-negative', `${CONTAINER}.resources.limits.cpu: "-5m" is negative`));
  });

  test('an image emptied by a patch is refused at synth', () => {
    const { app: a, pair } = app();
    patchProducer(pair, JsonPatch.replace(`${CONTAINER_PATH}/image`, ''));
    expect(() => a.synth()).toThrow(/\[k8s-image-invalid\]: .*spec\.template\.spec\.containers\[0\]\.image: the image is empty/);
  });

  test("a Deployment's selector must match its pod template", () => {
    const { app: a, pair } = app();
    patchProducer(pair, JsonPatch.replace('/spec/selector/matchLabels/app.kubernetes.io~1name', 'other'));
    expect(() => a.synth()).toThrow(
      /\[k8s-selector-mismatch\]: .*spec\.selector: the selector \(app\.kubernetes\.io\/name=other\) does not match the pod template's/,
    );
  });

  test('Service ports: names are DNS-1123 labels, target ports numbers or IANA names', () => {
    // GIVEN a Service the user adds to the app, with a bad port name, a bad named target port and an unnamed second port
    const { app: a, infra } = app();
    new ApiObject(infra, 'svc', {
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' },
      spec: { ports: [{ name: 'HTTP', port: 80, targetPort: 'http_port' }, { port: 0, protocol: 'tcp' }] },
    });
    expect(() => a.synth()).toThrow(/\[k8s-service-port-name-invalid\]: .*spec\.ports\[0\]\.name: 'HTTP' is not a valid DNS-1123 label/);
    expect(() => a.synth()).toThrow(/\[k8s-target-port-name-invalid\]: .*spec\.ports\[0\]\.targetPort: 'http_port' is not a valid IANA service name/);
    expect(() => a.synth())
      .toThrow(/\[k8s-service-port-name-missing\]: .*spec\.ports\[1\]\.name: a Service with several ports must name each of them/);
    expect(() => a.synth()).toThrow(/\[k8s-port-invalid\]: .*spec\.ports\[1\]\.port: 0 is not a port number/);
    expect(() => a.synth()).toThrow(/\[k8s-protocol-invalid\]: .*spec\.ports\[1\]\.protocol: "tcp" is not one of TCP, UDP, SCTP/);
  });

  test('volume names are DNS-1123 labels, unique in the pod', () => {
    // GIVEN a Pod the user adds, with a bad volume name and a volume name used twice
    const { app: a, infra } = app();
    new ApiObject(infra, 'pod', {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'debug' },
      spec: { containers: [{ name: 'sh', image: 'busybox:1.36' }],
        volumes: [{ name: 'Data_Dir', emptyDir: {} }, { name: 'tmp', emptyDir: {} }, { name: 'tmp', emptyDir: {} }] },
    });
    expect(() => a.synth()).toThrow(/\[k8s-volume-name-invalid\]: .*spec\.volumes\[0\]\.name: 'Data_Dir' is not a valid DNS-1123 label/);
    expect(() => a.synth())
      .toThrow(/\[k8s-volume-name-duplicate\]: .*spec\.volumes\[2\]\.name: the volume name 'tmp' is used twice among the volumes \(also at/);
  });

  test('container names and port names are unique in the pod, Service port names in the Service', () => {
    // GIVEN a Pod with two containers of one name that share a port name, and a Service with one port name twice
    const { app: a, infra } = app();
    const container = (port: number) => ({ name: 'app', image: 'busybox:1.36', ports: [{ containerPort: port, name: 'http' }] });
    new ApiObject(infra, 'pod', {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'twins' }, spec: { containers: [container(8080), container(8081)] },
    });
    new ApiObject(infra, 'svc', {
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { ports: [{ name: 'http', port: 80 }, { name: 'http', port: 81 }] },
    });
    // WHEN synthesized THEN each second use is named, with where the first one is
    expect(() => a.synth()).toThrow(coded('k8s-container-name-duplicate',
      "spec.containers[1].name: the container name 'app' is used twice among the containers (also at spec.containers[0].name)"));
    expect(() => a.synth()).toThrow(coded('k8s-container-port-name-duplicate',
      "spec.containers[1].ports[0].name: the container port name 'http' is used twice among the ports of the pod"));
    expect(() => a.synth()).toThrow(coded('k8s-service-port-name-duplicate',
      "spec.ports[1].name: the port name 'http' is used twice among the ports of the Service (also at spec.ports[0].name)"));
  });

  test("objects the user adds to the app are checked too (a NetworkPolicy's selector labels)", () => {
    const { app: a, infra } = app();
    new kplus.NetworkPolicy(infra, 'np', { metadata: { name: 'deny' }, selector: kplus.Pods.select(infra, 'sel', { labels: { 'app!': 'x' } }) });
    expect(() => a.synth()).toThrow(/\[k8s-label-key-invalid\]: .*spec\.podSelector\.matchLabels: label key 'app!' is not a valid key/);
  });
});

describe('app rules: two objects that would be one object in the cluster', () => {
  test('two pairs with the same service names in one namespace', () => {
    // GIVEN two pairs with default names, in the same (default) namespace
    const { app: a, cluster, topic } = app();
    new MicroservicePair(new Chart(a, 'pair2'), 'Default', { cluster, topic, consumer: { groupId: 'other' } });
    // WHEN synthesized THEN each object of the second names the first's path
    expect(() => a.synth()).toThrow(
      /\[object-name-duplicate\]: .*another Deployment of the same name in the default namespace is made/,
    );
    expect(() => a.synth()).toThrow(/\[object-name-duplicate\]: .*another Service of the same name in the default namespace is made/);
  });

  test('the same names in different namespaces are fine; a cluster-scoped kind clashes across namespaces', () => {
    const a = Testing.app();
    for (const ns of ['a', 'b']) {
      const chart = new Chart(a, ns, { namespace: ns });
      new KafkaCluster(chart, 'k');
      new ApiObject(chart, 'class', { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast' } });
    }
    expect(() => a.synth()).toThrow(/\[object-name-duplicate\]: .*another StorageClass of the same name in the cluster is made by a\/class/);
    expect(() => a.synth()).not.toThrow(/KafkaNodePool 'dual-role'/);
  });
});

describe('app rules: names Strimzi derives and names it keeps', () => {
  test("node pool pods must be DNS labels: '<cluster>-<pool>-<id>' (checked at synth, on the node pool)", () => {
    // GIVEN the longest cluster name and 1001 nodes: the controller gets node id 1000
    const { app: a, chart } = appWithChart();
    const name = 'a'.repeat(47);
    new KafkaCluster(chart, 'c', { name, brokers: 1000, controllers: 1 });
    // WHEN synthesized THEN the controllers' pool names the pod that would be too long
    expect(() => a.synth()).toThrow(
      /\[strimzi-derived-name-invalid\]: .*Strimzi would create the Pod of node 1000 in pool 'controllers'/,
    );
  });

  test('a pool name made longer by a patch is refused at synth, on the node pool', () => {
    const { app: a, cluster } = app();
    ApiObject.of(cluster.nodePools[0]).addJsonPatch(JsonPatch.replace('/metadata/name', 'p'.repeat(60)));
    expect(() => a.synth()).toThrow(
      /\[strimzi-derived-name-invalid\]: .*Strimzi would create the Pod of node 0 in pool/,
    );
  });

  test.each([
    ['k-kafka-bootstrap', 'its bootstrap Service'],
    ['k-kafka-brokers', 'its headless Service of the brokers'],
    ['k-kafka-ext-bootstrap', "its bootstrap Service of listener 'ext'"],
    ['k-dual-role-ext-0', "its Service of broker 0 for listener 'ext'"],
  ])('a Service named %s would replace a Service Strimzi creates', (name, what) => {
    // GIVEN a cluster with an external listener, and a pair whose producer takes a name Strimzi uses
    const a = Testing.app();
    const infra = new Chart(a, 'infra');
    const cluster = new KafkaCluster(infra, 'k', { listeners: [{ name: 'plain', port: 9092 }, { name: 'ext', port: 9094,
      type: KafkaListenerType.NODEPORT }] });
    new MicroservicePair(new Chart(a, 'pair'), 'Default', { cluster, topic: new Topic(infra, 't', { cluster }), producer: { name } });
    // WHEN synthesized THEN the Service names the cluster, what Strimzi makes of that name, and the fix
    expect(() => a.synth())
      .toThrow(about(`Service '${name}' (pair/Default/Producer/Service/Resource)`, coded('strimzi-name-taken', `for Kafka cluster 'k' (${what})`)));
  });

  test("a Secret named like the cluster's CA certificate would replace it", () => {
    const { app: a, infra } = app();
    new ApiObject(infra, 'secret', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'k-cluster-ca-cert' } });
    expect(() => a.synth()).toThrow(/\[strimzi-name-taken\]: .*Strimzi creates a Secret of this name in the default/);
  });

  test("a Secret named like a KafkaUser would be overwritten by the User Operator", () => {
    const { app: a, infra } = app();
    new ApiObject(infra, 'user', { apiVersion: 'kafka.strimzi.io/v1', kind: 'KafkaUser', metadata: { name: 'alice',
      labels: { 'strimzi.io/cluster': 'k' } }, spec: {} });
    new ApiObject(infra, 'secret', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'alice' } });
    expect(() => a.synth()).toThrow(/\[strimzi-name-taken\]: .*Strimzi creates a Secret of this name in the default/);
  });

  test('the same name in another namespace than the cluster is fine', () => {
    const a = new App({ outdir: '/tmp/unused' });
    const infra = new Chart(a, 'infra', { namespace: 'kafka' });
    new KafkaCluster(infra, 'k');
    const other = new Chart(a, 'other', { namespace: 'apps' });
    new ApiObject(other, 'svc', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'k-kafka-bootstrap' }, spec: { ports: [{ port: 80 }] } });
    expect(() => Testing.synth(other)).not.toThrow();
  });
});

describe('app rules: once per synth, and again after a change', () => {
  /** The seed-like app with `pairs` pair charts, so that cdk8s validates it 1 + charts times per `app.synth()`. */
  function appOfCharts(pairs: number, authorization?: KafkaAuthorization, context?: Record<string, unknown>) {
    const a = Testing.app();
    for (const [key, value] of Object.entries(context ?? {})) a.node.setContext(key, value);
    const infra = new Chart(a, 'infra');
    const cluster = new KafkaCluster(infra, 'k', { authorization });
    const topic = new Topic(infra, 't', { cluster, partitions: pairs });
    const made = Array.from({ length: pairs }, (_, i) => new MicroservicePair(new Chart(a, `pair-${i}`), 'Default', {
      cluster, topic,
      producer: { name: `producer-${i}`, image: 'registry.example.com/producer:1.0.0' },
      consumer: { name: `consumer-${i}`, image: 'registry.example.com/consumer:1.0.0', groupId: `group-${i}` },
    }));
    return { app: a, infra, cluster, topic, pairs: made };
  }

  /** How many times `synth` rendered each ApiObject of `a` at most, and whether it rendered all of them. */
  function rendersPerObject(a: App, synth: () => void): { all: boolean; most: number } {
    const toJson = jest.spyOn(ApiObject.prototype, 'toJson');
    try {
      synth();
      const renders = new Map<unknown, number>();
      for (const object of toJson.mock.contexts) renders.set(object, (renders.get(object) ?? 0) + 1);
      return { all: renders.size === a.node.findAll().filter((c) => c instanceof ApiObject).length, most: Math.max(...renders.values()) };
    } finally {
      toJson.mockRestore();
    }
  }

  test('one app.synth() renders each object for the rules once, and runs the synth-time warning checks once', () => {
    // GIVEN an app of 5 charts, which cdk8s validates 6 times per synth, and a warning check that counts its runs
    const { app: a } = appOfCharts(4);
    const check = jest.fn();
    Warnings.of(a)._addCheck(check);
    // WHEN the app is synthesized
    const renders = rendersPerObject(a, () => a.synth());
    // THEN each object was rendered twice: once for the rules, once by cdk8s to write it (not once per chart)
    expect(renders).toEqual({ all: true, most: 2 });
    // AND the warning check ran once
    expect(check).toHaveBeenCalledTimes(1);
  });

  test('the plan shares that rendering: comparing with a previous output renders each object no more often', () => {
    // GIVEN the app synthesized once, and the same app again with the plan comparing against that output
    const previous = appOfCharts(4).app;
    previous.synth();
    const { app: a } = appOfCharts(4, undefined, { [SynthPlan.BASELINE_CONTEXT]: previous.outdir });
    // WHEN it is synthesized
    const renders = rendersPerObject(a, () => a.synth());
    // THEN each object was rendered twice, once for the rules and the plan and once by cdk8s, not once per chart
    expect(renders).toEqual({ all: true, most: 2 });
    // AND the plan did compare, and found the output unchanged
    expect(SynthPlan.of(a).report).toMatchObject({ firstSynth: false, entries: [] });
  });

  test('a patch made after a first synth is checked by the next one', () => {
    const { app: a, pairs } = appOfCharts(2);
    a.synth();
    patchProducer(pairs[1], JsonPatch.replace(`${CONTAINER_PATH}/name`, 'Producer'));
    expect(() => a.synth()).toThrow(coded('k8s-container-name-invalid', `${CONTAINER}.name: 'Producer' is not a valid DNS-1123 label`));
  });

  test('a label added after a first synth is checked by the next one', () => {
    const { app: a, pairs } = appOfCharts(2);
    a.synth();
    ApiObject.of(pairs[0].consumer.service).metadata.addLabel('bad key!', 'x');
    expect(() => a.synth()).toThrow(coded('k8s-label-key-invalid', "metadata.labels: label key 'bad key!' is not a valid key"));
  });

  test('an object renamed after a first synth is checked against the others by the next one', () => {
    const { app: a, pairs } = appOfCharts(2);
    a.synth();
    patchProducer(pairs[1], JsonPatch.replace('/metadata/name', 'producer-0'));
    expect(() => a.synth()).toThrow(coded('object-name-duplicate',
      'another Deployment of the same name in the default namespace is made by pair-0/Default/Producer/Deployment/Resource'));
  });

  test('a grant made after a first synth is checked by the next one', () => {
    // GIVEN a cluster without authorization, synthesized once with a user that has no ACLs
    const { app: a, infra, cluster, topic } = appOfCharts(1, KafkaAuthorization.none());
    const user = new KafkaUser(infra, 'reporting', { cluster });
    a.synth();
    // WHEN the user is granted access to the topic
    topic.grantDescribe(user);
    // THEN the next synth sees its ACLs, which the cluster cannot enforce
    expect(() => a.synth()).toThrow(coded('user-acls-without-authorization', "has ACLs but cluster 'k' has no authorization"));
  });

  test('a warning check of a construct added after a first synth runs in the next one', () => {
    // GIVEN strict mode, and an app synthesized once without warnings
    const { app: a, infra, cluster } = appOfCharts(2, undefined, { [Warnings.STRICT_CONTEXT]: true });
    a.synth();
    // WHEN a TLS user is added although no listener accepts TLS clients
    new KafkaUser(infra, 'tls-user', { cluster, authentication: UserAuthentication.TLS });
    // THEN the next synth runs its check
    expect(() => a.synth()).toThrow(strictWarning('user-cannot-connect', "KafkaUser 'tls-user' (infra/tls-user)", 'tls'));
  });
});

describe('app rules: every Strimzi object, however it was made (CRD schema, CEL rules, operator rules)', () => {
  /** The message of the synth of an app with cluster 'k' in chart 'infra' and what `add` makes there. */
  function synthFailure(add: (infra: Chart) => void): string {
    const { app: a, infra } = app();
    add(infra);
    try {
      a.synth();
      return '';
    } catch (e) {
      return (e as Error).message;
    }
  }

  test('a KafkaConnector of the generated class with tasksMax 0 and no cluster label', () => {
    const failure = synthFailure((infra) => new strimzi.KafkaConnector(infra, 'conn', {
      metadata: { name: 'conn' }, spec: { class: 'FileStreamSource', tasksMax: 0 },
    }));
    expect(failure).toMatch(coded('crd-schema-mismatch', "its KafkaConnector 'conn' does not match", '/spec/tasksMax must be >= 1'));
    expect(failure).toMatch(coded('strimzi-cluster-label-missing', "it has no 'strimzi.io/cluster' label", 'no operator picks it up'));
  });

  test('a bare KafkaRebalance with goals that are not a list and an unknown field', () => {
    const failure = synthFailure((infra) => new ApiObject(infra, 'rb', {
      apiVersion: 'kafka.strimzi.io/v1', kind: 'KafkaRebalance', metadata: { name: 'rb', labels: { 'strimzi.io/cluster': 'k' } },
      spec: { goals: 'not-a-list', unknown: 1 },
    }));
    expect(failure).toMatch(coded('crd-schema-mismatch', "its KafkaRebalance 'rb' does not match", '/spec/goals must be array'));
    expect(failure).toMatch(coded('crd-schema-mismatch', "/spec has the field 'unknown', which the CRD does not define"));
  });

  test('a KafkaConnect of the generated class with replicas -3', () => {
    const failure = synthFailure((infra) => new strimzi.KafkaConnect(infra, 'connect', {
      metadata: { name: 'connect' },
      spec: {
        replicas: -3, bootstrapServers: 'k-kafka-bootstrap:9092', groupId: 'g',
        configStorageTopic: 'c', offsetStorageTopic: 'o', statusStorageTopic: 's',
      },
    }));
    expect(failure).toMatch(coded('strimzi-pod-replicas-invalid', 'spec.replicas is invalid: -3 is outside 0 to 2^31-1'));
  });

  test.each([
    ['KafkaUser', { authentication: { type: 'scram-sha-512', validityDays: 30 } },
      "/spec/authentication 'validityDays' and 'renewalDays' can be configured only with 'type: tls'"],
    ['KafkaUser', { authentication: { type: 'tls', validityDays: 30 } },
      "/spec/authentication Both 'validityDays' and 'renewalDays' must be set together"],
  ])('the CEL rules of the %s CRD are evaluated: %j', (kind, spec, problem) => {
    const failure = synthFailure((infra) => new ApiObject(infra, 'o', {
      apiVersion: 'kafka.strimzi.io/v1', kind, metadata: { name: 'o', labels: { 'strimzi.io/cluster': 'k' } }, spec,
    }));
    expect(failure).toMatch(coded('crd-cel-rule-broken', `its ${kind} 'o' does not match the Strimzi 1.2.0 CRD: ${problem}`, '(CEL rule `'));
  });

  test("the CEL rules of the Kafka CRD are evaluated on the library's own cluster (an escape-hatch patch)", () => {
    const { app: a, cluster } = app();
    ApiObject.of(cluster).addJsonPatch(JsonPatch.add('/spec/kafka/rack', { type: 'environment-variable', envVarName: '' }));
    ApiObject.of(cluster).addJsonPatch(JsonPatch.add('/spec/kafka/metricsConfig', { type: 'jmxPrometheusExporter' }));
    // THEN the library's construct is named, with the rule and the field
    expect(() => a.synth()).toThrow(/KafkaCluster 'k' \(infra\/k\) \[crd-cel-rule-broken\]: its Kafka 'k' .*\/spec\/kafka\/rack envVarName/);
    expect(() => a.synth()).toThrow(coded('crd-cel-rule-broken', '/spec/kafka/metricsConfig valueFrom property is required'));
  });

  test('objects that pass every rule synthesize', () => {
    expect(synthFailure((infra) => new ApiObject(infra, 'u', {
      apiVersion: 'kafka.strimzi.io/v1', kind: 'KafkaUser', metadata: { name: 'u', labels: { 'strimzi.io/cluster': 'k' } },
      spec: { authentication: { type: 'tls', validityDays: 30, renewalDays: 10 } },
    }))).toBe('');
  });
});
