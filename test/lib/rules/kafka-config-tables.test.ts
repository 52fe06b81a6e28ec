import { KAFKA_BROKER_CONFIGS } from '../../../lib/rules/kafka-broker-configs';
import { configValueProblem, KafkaConfigKey } from '../../../lib/rules/kafka-config';
import { KAFKA_TOPIC_CONFIGS } from '../../../lib/rules/kafka-topic-configs';
import { strimziManagedPrefix } from '../../../lib/rules/strimzi-broker-config';
import { readKafkaDefinitions, runKafkaConfigDefs, toTable } from './kafka-config/kafka-definitions';

/**
 * The config tables in lib/rules equal Kafka 4.3.1's own definitions: the same keys with the same types, defaults
 * and validators, and the library's checker accepts exactly the values Kafka's parser and validators accept.
 */

// Values tried on every key of a type, besides the ones its bounds and enumerations suggest.
const PROBES: Record<string, string[]> = {
  BOOLEAN: ['true', 'false', 'TRUE', ' false ', 'yes', '1', ''],
  INT: ['0', '1', '-1', '-2', '1.5', 'abc', '', ' 5 ', '+5', '1e3', '32768', '2147483647', '2147483648', '-2147483649'],
  DOUBLE: ['0', '0.5', '1', '1.5', '-0.1', '1e-1', ' 0.5 ', '.5', '5.', 'abc', '', '2e308x'],
  STRING: ['', ' ', 'bogus'],
  LIST: ['', 'bogus', 'a, b', ' , '],
};
PROBES.SHORT = [...PROBES.INT, '32767', '-32769'];
PROBES.LONG = [...PROBES.INT, '9223372036854775807', '9223372036854775808', '-9223372036854775808'];

/** Values worth trying for one key: the type's probes, its bounds and their neighbours, its enumeration in variants. */
function probesFor(key: KafkaConfigKey): string[] {
  const values = [...(PROBES[key.type] ?? [])];
  for (const bound of [key.min, key.max, key.orEqualTo]) {
    if (bound !== undefined) values.push(String(bound - 1), String(bound), String(bound + 1));
  }
  for (const v of key.oneOf ?? []) values.push(v, v.toUpperCase(), v.toLowerCase(), ` ${v} `);
  if (key.oneOf && key.type === 'LIST') values.push(key.oneOf.join(','), key.oneOf.join(' , '), `${key.oneOf[0]},bogus`);
  if (key.replicaList) values.push('*', '0:1,1:2', '0:1, 1:2', '0:1,*', 'x', '1', '0:1,');
  return [...new Set(values)];
}

describe('Kafka config tables (lib/rules) against Kafka 4.3.1 itself', () => {
  // GIVEN Kafka's own definitions, read from its jars
  const kafka = readKafkaDefinitions();

  test.each([
    ['topic', KAFKA_TOPIC_CONFIGS],
    ['broker', KAFKA_BROKER_CONFIGS],
  ] as const)('the %s table has exactly Kafka\'s keys, types, defaults and validators', (scope, table) => {
    // WHEN Kafka's definitions are stated as table entries THEN they equal the committed table
    expect(table).toEqual(toTable(kafka[scope]));
    expect(Object.keys(table).length).toBeGreaterThan(scope === 'topic' ? 30 : 300);
  });

  test("the checker accepts exactly what Kafka's parser and validators accept, value by value", () => {
    // GIVEN every key of both tables a user may set (not CLASS and PASSWORD keys: Kafka loads the classes and hides
    // the passwords; not broker keys Strimzi manages, whose values the library never checks)
    const probes = (['topic', 'broker'] as const).flatMap((scope) =>
      Object.entries(scope === 'topic' ? KAFKA_TOPIC_CONFIGS : KAFKA_BROKER_CONFIGS)
        .filter(([name, key]) => key.type !== 'CLASS' && key.type !== 'PASSWORD' && !(scope === 'broker' && strimziManagedPrefix(name, [])))
        .flatMap(([name, key]) => probesFor(key).map((value) => ({ scope, name, key, value }))));
    // WHEN Kafka judges each value, and so does the library
    const verdicts = runKafkaConfigDefs(['check'], probes.map((p) => `${p.scope}\t${p.name}\t${p.value}`).join('\n') + '\n')
      .trimEnd().split('\n');
    expect(verdicts).toHaveLength(probes.length);
    const disagreements = probes
      .map((p, i) => ({ ...p, kafka: verdicts[i], library: configValueProblem(p.key, p.value) }))
      .filter((p) => (p.kafka === 'OK') !== (p.library === undefined))
      .map((p) => `${p.scope} ${p.name}=${JSON.stringify(p.value)}: Kafka ${p.kafka}; library ${p.library ?? 'OK'}`);
    // THEN they agree on every value
    expect(probes.length).toBeGreaterThan(4000);
    expect(disagreements).toEqual([]);
  });
});
