import { Size } from 'cdk8s';
import { KafkaNodePoolSpecJvmOptions } from '../../imports/kafka.strimzi.io';
import { Subject } from '../base/subject';
import { heapSize, wholeMebibytes } from './quantity';

/** JVM options of a Strimzi component (`jvmOptions`). */
export interface JvmOptions {
  /**
   * Initial heap (`-Xms`). Setting it equal to `maxHeap` avoids heap resizing pauses.
   * @default - Strimzi's choice (a share of the container's memory limit)
   */
  readonly initialHeap?: Size;
  /**
   * Largest heap (`-Xmx`); must stay below the container's memory limit, which also has to hold the JVM's own
   * memory. Kafka brokers serve reads from the page cache, so memory left outside the heap is not wasted.
   * @default - Strimzi's choice (a share of the container's memory limit)
   */
  readonly maxHeap?: Size;
  /**
   * `-XX` options by flag name: `true` becomes `-XX:+Name`, `false` `-XX:-Name`, anything else `-XX:Name=value`
   * (Strimzi's rendering), e.g. `{ UseG1GC: true, MaxGCPauseMillis: 20 }`.
   * @default - none
   */
  readonly xx?: Record<string, string | number | boolean>;
  /**
   * Whether the JVM logs garbage collections.
   * @default false
   */
  readonly gcLogging?: boolean;
  /**
   * Java system properties (`-Dname=value`).
   * @default - none
   */
  readonly systemProperties?: Record<string, string>;
}

// JVM flag names are identifiers; a key such as '+UseG1GC' or 'XX:MaxGCPauseMillis' would give '-XX:+XX:...'.
const XX_FLAG = /^[A-Za-z][A-Za-z0-9_]*$/;
const SYSTEM_PROPERTY = /^[^\s=]+$/;

/**
 * Renders JVM options in the CRD's form (the generated interface of the node pool; the Kafka, Cruise Control
 * and other components' interfaces have the same fields), checking the heap against the memory limit.
 * @param memoryLimit the container's memory limit, when it has one
 */
export function renderJvmOptions(subject: Subject, options: JvmOptions | undefined,
  memoryLimit: Size | undefined): KafkaNodePoolSpecJvmOptions | undefined {
  if (!options) return undefined;
  const initial = options.initialHeap && wholeMebibytes(subject, 'initialHeap (-Xms)', options.initialHeap);
  const max = options.maxHeap && wholeMebibytes(subject, 'maxHeap (-Xmx)', options.maxHeap);
  if (initial && max && initial > max) {
    throw subject.error('jvm-initial-heap-above-max',
      `its initial heap (-Xms ${initial}Mi) is larger than its maximum heap (-Xmx ${max}Mi), which the JVM refuses at start`,
      'Make initialHeap at most maxHeap');
  }
  const largestHeap = max ?? initial;
  if (largestHeap && memoryLimit && largestHeap >= wholeMebibytes(subject, 'the memory limit', memoryLimit)) {
    throw subject.error(
      'jvm-heap-above-memory-limit',
      `its heap (${largestHeap}Mi) is not below its memory limit (${wholeMebibytes(subject, 'the memory limit', memoryLimit)}Mi): ` +
        'the JVM needs memory beyond the heap, so the pod would be OOM-killed',
      'Lower maxHeap (about half the limit leaves room for the page cache) or raise the memory limit',
    );
  }
  for (const name of Object.keys(options.xx ?? {})) {
    if (!XX_FLAG.test(name)) {
      throw subject.error('jvm-xx-option-invalid', `the -XX option '${name}' is not a JVM flag name; Strimzi writes each key as -XX:<name>`,
        `Use the bare flag name, e.g. { ${name.replace(/^(-?XX:)?[+-]?/, '').split('=')[0] || 'UseG1GC'}: true }`);
    }
  }
  for (const name of Object.keys(options.systemProperties ?? {})) {
    if (!SYSTEM_PROPERTY.test(name)) {
      throw subject.error('jvm-system-property-invalid', `the system property name '${name}' is empty or holds whitespace or '='`,
        'Use the bare property name, e.g. { "java.security.egd": "file:/dev/./urandom" }');
    }
  }
  return {
    xms: options.initialHeap && heapSize(subject, 'initialHeap (-Xms)', options.initialHeap),
    xmx: options.maxHeap && heapSize(subject, 'maxHeap (-Xmx)', options.maxHeap),
    xx: options.xx && Object.fromEntries(Object.entries(options.xx).map(([k, v]) => [k, String(v)])),
    gcLoggingEnabled: options.gcLogging,
    javaSystemProperties: options.systemProperties && Object.entries(options.systemProperties).map(([name, value]) => ({ name, value })),
  };
}
