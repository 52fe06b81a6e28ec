import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigResourceTypes } from 'kafkajs';
import { readSynthesizedTopic } from '../../scripts/kafka/synthesized-topic';
import { sharedBootstrap, uniqueName, withAdmin } from './helpers';

describe('the KafkaTopic synthesized in dist/', () => {
  test('is accepted by Kafka with its partitions, replicas and config', async () => {
    // GIVEN the committed manifest's topic `manual`, created under another name on the shared broker
    const { file, topic } = readSynthesizedTopic('manual');
    expect(file).toMatch(/^dist\/.*\.k8s\.yaml$/);
    const name = uniqueName('synthesized');

    await withAdmin(sharedBootstrap(), async (admin) => {
      // WHEN it is created as the Topic Operator would
      await expect(admin.createTopics({ topics: [{ ...topic, topic: name }], waitForLeaders: true })).resolves.toBe(true);

      // THEN the broker reports the same partitions and config values
      const metadata = await admin.fetchTopicMetadata({ topics: [name] });
      expect(metadata.topics[0].partitions).toHaveLength(topic.numPartitions ?? 0);
      expect(metadata.topics[0].partitions[0].replicas).toHaveLength(topic.replicationFactor ?? 0);
      const described = await admin.describeConfigs({
        resources: [{ type: ConfigResourceTypes.TOPIC, name, configNames: (topic.configEntries ?? []).map((e) => e.name) }],
        includeSynonyms: false,
      });
      const actual = described.resources[0].configEntries.map(({ configName, configValue }) => ({ name: configName, value: configValue }));
      expect(topic.configEntries?.length).toBeGreaterThan(0);
      expect(actual).toEqual(expect.arrayContaining(topic.configEntries ?? []));
      expect(actual).toHaveLength(topic.configEntries?.length ?? 0);
    });
  }, 30_000);
});

describe('readSynthesizedTopic', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'dist-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const topicYaml = (name: string, spec: string): string =>
    `apiVersion: kafka.strimzi.io/v1\nkind: KafkaTopic\nmetadata:\n  name: ${name}\nspec:\n${spec}`;

  test('matches spec.topicName before metadata.name and turns config values into strings', () => {
    // GIVEN a topic whose Kafka name differs from its resource name, next to an unrelated document
    const spec = '  topicName: manual\n  partitions: 3\n  config:\n    retention.ms: 1000\n    compression.type: lz4\n    cleanup.policy: [delete, ' +
      'compact]\n';
    writeFileSync(join(dir, 'a.k8s.yaml'), `kind: ConfigMap\nmetadata:\n  name: manual\n---\n${topicYaml('manual-topic', spec)}`);

    // WHEN it is read
    const { topic } = readSynthesizedTopic('manual', dir);

    // THEN the kafkajs config carries it, with -1 (broker default) for the missing replicas
    expect(topic).toEqual({
      topic: 'manual',
      numPartitions: 3,
      replicationFactor: -1,
      configEntries: [
        { name: 'retention.ms', value: '1000' },
        { name: 'compression.type', value: 'lz4' },
        { name: 'cleanup.policy', value: 'delete,compact' },
      ],
    });
  });

  test('says to synthesize when there are no manifests', () => {
    expect(() => readSynthesizedTopic('manual', join(dir, 'missing'))).toThrow(/No synthesized manifests .* run 'npm run synth' first/);
  });

  test('names the topic when no KafkaTopic has it', () => {
    writeFileSync(join(dir, 'a.k8s.yaml'), topicYaml('other', '  partitions: 1\n'));
    expect(() => readSynthesizedTopic('manual', dir)).toThrow(/No KafkaTopic for topic 'manual' in .*a\.k8s\.yaml/);
  });

  test('refuses to choose between manifests that disagree', () => {
    writeFileSync(join(dir, 'a.k8s.yaml'), topicYaml('manual', '  partitions: 1\n'));
    writeFileSync(join(dir, 'b.k8s.yaml'), topicYaml('manual', '  partitions: 2\n'));
    expect(() => readSynthesizedTopic('manual', dir)).toThrow(/differ: cannot tell which to use/);
  });

  test('rejects a partition count that is not a positive integer', () => {
    writeFileSync(join(dir, 'a.k8s.yaml'), topicYaml('manual', "  partitions: '3'\n"));
    expect(() => readSynthesizedTopic('manual', dir)).toThrow(/spec.partitions .* must be a positive integer, got "3"/);
  });
});
