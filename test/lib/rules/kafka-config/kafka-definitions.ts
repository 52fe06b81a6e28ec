import { execFileSync } from 'child_process';
import * as path from 'path';
import { KafkaConfigKey } from '../../../../lib/rules/kafka-config';
import { ensureKafkaJars, kafkaClasspath } from '../../../../scripts/kafka/jars';

/**
 * Kafka 4.3.1's own config definitions, read from its jars by KafkaConfigDefs.java (single-file Java program),
 * and the mapping from them to the library's table entries. Used by the tables' test and by generate-tables.ts.
 */

const PROGRAM = path.join(__dirname, 'KafkaConfigDefs.java');

interface DumpedValidator {
  class: string;
  text: string;
  min?: string | null;
  max?: string | null;
  validStrings?: string | null;
  validString?: DumpedValidator;
  isEmptyAllowed?: string;
}
interface DumpedKey { type: KafkaConfigKey['type']; default: string | null; internal: boolean; validator: DumpedValidator | null }
export interface KafkaDefinitions { topic: Record<string, DumpedKey>; broker: Record<string, DumpedKey> }

/** Runs the Java program (fetching the Kafka jars once) with `args`, `input` on stdin. */
export function runKafkaConfigDefs(args: string[], input = ''): string {
  ensureKafkaJars();
  return execFileSync('java', ['-cp', kafkaClasspath(), PROGRAM, ...args], {
    input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['pipe', 'pipe', 'ignore'],
  });
}

export function readKafkaDefinitions(): KafkaDefinitions {
  return JSON.parse(runKafkaConfigDefs(['dump']));
}

// Validators Kafka builds from lambdas print only a description: these are read from that description.
const LAMBDA_VALIDATORS: Record<string, Partial<KafkaConfigKey>> = {
  '[1,...,9] or -1': { min: 1, max: 9, orEqualTo: -1 },
};

const list = (text: string | null | undefined) => (text ? text.split(',') : []);

/** The table entry that states what Kafka's definition of a key accepts. */
export function toTableEntry(key: DumpedKey): KafkaConfigKey {
  const v = key.validator;
  const entry: Record<string, unknown> = { type: key.type, default: key.default };
  switch (v?.class) {
    case undefined:
    case 'NonNullValidator':
      break;
    case 'Range':
      if (v.min != null) entry.min = Number(v.min);
      if (v.max != null) entry.max = Number(v.max);
      break;
    case 'ValidString':
      entry.oneOf = list(v.validStrings);
      break;
    case 'CaseInsensitiveValidString':
      entry.oneOf = list(v.validStrings);
      entry.ignoreCase = true;
      break;
    case 'ValidList':
      // ValidList.in(...) names the values allowed; ValidList.anyNonDuplicateValues(...) names none, refuses duplicates.
      if (list(v.validString?.validStrings).length > 0) entry.oneOf = list(v.validString?.validStrings);
      else entry.unique = true;
      entry.emptyList = v.isEmptyAllowed === 'true';
      break;
    case 'NonEmptyString':
      entry.nonEmpty = true;
      break;
    case 'ThrottledReplicaListValidator':
      entry.replicaList = true;
      break;
    case 'ControllerQuorumVotersValidator':
    case 'ControllerQuorumBootstrapServersValidator':
      // Strimzi sets both (the `controller.` prefix is forbidden); the library never checks their values.
      break;
    case 'LambdaValidator':
      if (!LAMBDA_VALIDATORS[v.text]) throw new Error(`no mapping for Kafka's lambda validator '${v.text}': add it to LAMBDA_VALIDATORS`);
      Object.assign(entry, LAMBDA_VALIDATORS[v.text]);
      break;
    default:
      throw new Error(`no mapping for Kafka validator ${v?.class} ('${v?.text}')`);
  }
  if (key.internal) entry.internal = true;
  return entry as unknown as KafkaConfigKey;
}

export function toTable(keys: Record<string, DumpedKey>): Record<string, KafkaConfigKey> {
  return Object.fromEntries(Object.entries(keys).map(([name, key]) => [name, toTableEntry(key)]));
}
