/**
 * The library's own rules for the Prometheus JMX Exporter (the `rules` of its YAML configuration), generated from
 * a small table so that a reviewer can check each family against the MBeans it is meant for.
 *
 * The exporter matches each MBean attribute as the text `domain<key=value, key=value, ...><>attribute` against
 * the rules in order, anchored at both ends, and the first match names the sample; `$n` are the pattern's groups.
 * Kafka registers two families of MBeans (Kafka's own `docs/ops.html`, "Monitoring"):
 * - Yammer metrics, `kafka.<area>:type=<Type>,name=<Name>[,<key>=<value>...]`, whose attributes are `Value`
 *   (gauges), `Count` and `OneMinuteRate` (meters, named `...PerSec` or `...Percent`) and `Count` plus
 *   `<n>thPercentile` (histograms and timers, e.g. request times);
 * - Kafka metrics, `kafka.<area>:type=<group>[,<tag>=<value>...]` with lower-case hyphenated groups
 *   (`raft-metrics`, `broker-metadata-metrics`, `socket-server-metrics`, ...), one attribute per metric.
 */

/** A rule of the JMX Exporter's configuration. */
export interface JmxExporterRule {
  /** Regular expression over `domain<key=value, ...><>attribute`, anchored at both ends. */
  readonly pattern: string;
  /**
   * Metric name, with `$n` for the pattern's groups.
   * @default - the exporter's default name for the MBean
   */
  readonly name?: string;
  /**
   * Prometheus type of the samples.
   * @default 'UNTYPED'
   */
  readonly type?: 'GAUGE' | 'COUNTER' | 'UNTYPED';
  /**
   * Labels of the samples; names and values may use `$n`.
   * @default - none
   */
  readonly labels?: Record<string, string>;
  /**
   * Help text of the metric.
   * @default - the MBean's description
   */
  readonly help?: string;
}

/** `, key=value` repeated: extra key properties of a Yammer MBean (topic, partition, request, listener, ...). */
function keyProperties(count: number, firstGroup: number): { pattern: string; labels: Record<string, string> } {
  let pattern = '';
  const labels: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    pattern += ', (\\w+)=([^,]+)';
    labels[`$${firstGroup + 2 * i}`] = `$${firstGroup + 2 * i + 1}`;
  }
  return { pattern, labels };
}

/** One family of Yammer attributes: which MBean names and attribute, and how the samples are named. */
interface YammerFamily {
  /** Pattern of the MBean's `name` property; its first group becomes the metric's base name. */
  readonly name: string;
  /** Pattern of the attribute; groups after the key properties are available as `$<after>`. */
  readonly attribute: string;
  /** Suffix of the metric name. */
  readonly suffix: string;
  readonly type: 'GAUGE' | 'COUNTER';
  /** Labels from the attribute's own groups, by their offset after the key properties' groups. */
  readonly attributeLabels?: Record<string, number>;
}

// More specific families first: the first matching rule wins.
const YAMMER_FAMILIES: readonly YammerFamily[] = [
  // Meters such as BrokerTopicMetrics MessagesInPerSec: the count of events, a counter Prometheus can rate().
  { name: '([^,]+)PerSec\\w*', attribute: 'Count', suffix: '_total', type: 'COUNTER' },
  // Idle ratios such as RequestHandlerAvgIdlePercent are meters too; their one-minute rate is the ratio.
  { name: '([^,]+)Percent\\w*', attribute: 'OneMinuteRate', suffix: '_percent', type: 'GAUGE' },
  // Gauges such as ReplicaManager UnderReplicatedPartitions or Log Size.
  { name: '([^,]+)', attribute: 'Value', suffix: '', type: 'GAUGE' },
  // Histograms and timers such as RequestMetrics TotalTimeMs: how many, and their percentiles.
  { name: '([^,]+)', attribute: 'Count', suffix: '_count', type: 'COUNTER' },
  { name: '([^,]+)', attribute: '(\\d+)thPercentile', suffix: '', type: 'GAUGE', attributeLabels: { quantile: 0 } },
];

/** Most key properties after `type` and `name` any Kafka Yammer MBean has (FetcherLagMetrics: clientId, topic, partition). */
const MAX_KEY_PROPERTIES = 3;

function yammerRules(domain: string): JmxExporterRule[] {
  return YAMMER_FAMILIES.flatMap((family) =>
    // Most key properties first, so that each MBean meets the rule that labels all of them.
    Array.from({ length: MAX_KEY_PROPERTIES + 1 }, (_, i) => MAX_KEY_PROPERTIES - i).map((count): JmxExporterRule => {
      const keys = keyProperties(count, 4);
      const after = 4 + 2 * count;
      const attributeLabels = Object.fromEntries(Object.entries(family.attributeLabels ?? {})
        // A percentile's group holds '99' or '999'; the quantile label reads '0.99' or '0.999'.
        .map(([label, offset]) => [label, `0.$${after + offset}`]));
      return {
        pattern: `${domain}<type=([^,]+), name=${family.name}${keys.pattern}><>${family.attribute}`,
        name: `kafka_$1_$2_$3${family.suffix}`,
        type: family.type,
        labels: count === 0 && !family.attributeLabels ? undefined : { ...keys.labels, ...attributeLabels },
      };
    }));
}

function kafkaMetricsRules(domain: string): JmxExporterRule[] {
  // Groups are lower-case and hyphenated; tags (listener, networkProcessor, ...) become labels.
  return Array.from({ length: 3 }, (_, i) => 2 - i).map((count) => {
    const keys = keyProperties(count, 3);
    return {
      pattern: `${domain}<type=([a-z][a-z-]*)${keys.pattern}><>([a-z][a-z0-9-]*)`,
      name: `kafka_$1_$2_$${3 + 2 * count}`,
      type: 'GAUGE',
      labels: count === 0 ? undefined : keys.labels,
    };
  });
}

/** Rules for Kafka brokers and KRaft controllers: every `kafka.*` Yammer metric and the Kafka metrics groups. */
export const KAFKA_JMX_RULES: readonly JmxExporterRule[] = [
  ...kafkaMetricsRules('kafka\\.(\\w+)'),
  ...yammerRules('kafka\\.(\\w+)'),
];

/**
 * Rules for Cruise Control, whose MBeans are `kafka.cruisecontrol:name=<sensor>` (Strimzi's metrics documentation):
 * gauges as their value, meters and timers as their count; the exporter turns the dots of sensor names into `_`.
 */
export const CRUISE_CONTROL_JMX_RULES: readonly JmxExporterRule[] = [
  { pattern: 'kafka\\.cruisecontrol<name=(.+)><>Value', name: 'kafka_cruisecontrol_$1', type: 'GAUGE' },
  { pattern: 'kafka\\.cruisecontrol<name=(.+)><>Count', name: 'kafka_cruisecontrol_$1_count', type: 'COUNTER' },
];
