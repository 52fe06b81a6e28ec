import { ApiObject, Yaml } from 'cdk8s';
import { Construct } from 'constructs';
import { Subject } from '../base/subject';
import { CRUISE_CONTROL_JMX_RULES, JmxExporterRule, KAFKA_JMX_RULES } from './jmx-exporter-rules';

/** Port Strimzi serves metrics on, in every component that has them (`MetricsModel.METRICS_PORT`). */
export const METRICS_PORT = 9404;
/** Name of that container port, what a PodMonitor's `podMetricsEndpoints[].port` names. */
export const METRICS_PORT_NAME = 'tcp-prometheus';
/** The key of the generated ConfigMaps that holds the JMX Exporter configuration. */
const CONFIG_KEY = 'metrics-config.yml';

/** Options of Strimzi's metrics reporter. */
export interface StrimziMetricsReporterOptions {
  /**
   * Regular expressions of the metric names to export (Java regex syntax; checked here with JavaScript's, which
   * agrees for ordinary patterns).
   * @default - Strimzi's default list (cluster partition, controller, request, broker topic, raft, replica
   *   manager and socket server metrics)
   */
  readonly allowList?: string[];
}

/** Options of the Prometheus JMX Exporter. */
export interface JmxPrometheusExporterOptions {
  /**
   * Rules tried before the library's own; the first rule that matches an MBean attribute names its sample.
   * @default - none
   */
  readonly rules?: JmxExporterRule[];
  /**
   * Whether the library's rules follow `rules` (see KafkaMetrics.KAFKA_JMX_RULES and KafkaMetrics.CRUISE_CONTROL_JMX_RULES).
   * @default true
   */
  readonly defaultRules?: boolean;
}

/** A component's metrics configuration in the CRD's form, before it is typed for the component's path. */
export interface MetricsConfigJson {
  readonly type: 'strimziMetricsReporter' | 'jmxPrometheusExporter';
  readonly values?: { allowList: string[] };
  readonly valueFrom?: { configMapKeyRef: { name: string; key: string } };
}

/** Where metrics are bound: the component, its ConfigMap's name and its default rules. */
export interface MetricsTarget {
  /** Construct that owns the generated ConfigMap. */
  readonly scope: Construct;
  /** Construct id of the ConfigMap in `scope`. */
  readonly id: string;
  /** The subject errors are reported under. */
  readonly subject: Subject;
  /** Name of the ConfigMap generated for the JMX Exporter. */
  readonly configMapName: string;
  /** Labels of that ConfigMap. */
  readonly labels: Record<string, string>;
  /** The library's rules for the component. */
  readonly defaultRules: readonly JmxExporterRule[];
}

/**
 * How a Strimzi component exports Prometheus metrics (`metricsConfig`): Strimzi 1.2.0's two choices.
 * Either way the metrics are served on port 9404 (`tcp-prometheus`) at `/metrics`.
 */
export abstract class KafkaMetrics {
  /** The port every Strimzi component serves its Prometheus metrics on. */
  public static readonly PORT = METRICS_PORT;
  /** The name of that port in Strimzi's pods and Services. */
  public static readonly PORT_NAME = METRICS_PORT_NAME;
  /** The JMX Exporter rules the library generates for Kafka brokers and controllers. */
  public static readonly KAFKA_JMX_RULES: JmxExporterRule[] = [...KAFKA_JMX_RULES];
  /** The JMX Exporter rules the library generates for Cruise Control. */
  public static readonly CRUISE_CONTROL_JMX_RULES: JmxExporterRule[] = [...CRUISE_CONTROL_JMX_RULES];

  /**
   * Strimzi's metrics reporter, a Kafka plugin: no ConfigMap, metric names filtered by an allow list. Kafka only
   * (Strimzi refuses it for Cruise Control).
   */
  public static strimziMetricsReporter(options: StrimziMetricsReporterOptions = {}): KafkaMetrics {
    return new StrimziMetricsReporter(options);
  }

  /** The Prometheus JMX Exporter agent, configured by a ConfigMap of rules that the library generates. */
  public static jmxPrometheusExporter(options: JmxPrometheusExporterOptions = {}): KafkaMetrics {
    return new JmxPrometheusExporter(options);
  }

  /** `metricsConfig.type`: `strimziMetricsReporter` or `jmxPrometheusExporter`. */
  public abstract readonly type: string;

  /**
   * The `metricsConfig` of a component, creating what it needs (the JMX Exporter's ConfigMap).
   * @internal
   */
  public abstract _bind(target: MetricsTarget): { config: MetricsConfigJson; configMap?: ApiObject };
}

class StrimziMetricsReporter extends KafkaMetrics {
  public readonly type = 'strimziMetricsReporter' as const;

  constructor(private readonly options: StrimziMetricsReporterOptions) {
    super();
  }

  public _bind(target: MetricsTarget): { config: MetricsConfigJson } {
    const allowList = this.options.allowList;
    if (allowList) {
      // Strimzi's StrimziMetricsReporterModel.validate: a given list has at least one entry, each a valid regex.
      if (allowList.length === 0) {
        throw target.subject.error('metrics-allow-list-empty',
          'the metrics allowList is empty, so no metric would be exported; Strimzi refuses an empty list',
          'Leave allowList out for Strimzi\'s default list, or give at least one regular expression');
      }
      for (const regex of allowList) checkRegex(target.subject, 'metrics allowList entry', regex);
    }
    return { config: { type: this.type, values: allowList && { allowList } } };
  }
}

class JmxPrometheusExporter extends KafkaMetrics {
  public readonly type = 'jmxPrometheusExporter' as const;

  constructor(private readonly options: JmxPrometheusExporterOptions) {
    super();
  }

  public _bind(target: MetricsTarget): { config: MetricsConfigJson; configMap: ApiObject } {
    const rules = [...(this.options.rules ?? []), ...(this.options.defaultRules ?? true ? target.defaultRules : [])];
    if (rules.length === 0) {
      throw target.subject.error('jmx-exporter-rules-empty', 'the JMX Exporter has no rules, so it would export every MBean under generated names',
        'Keep defaultRules on, or give rules');
    }
    for (const rule of rules) checkRegex(target.subject, 'JMX Exporter rule pattern', rule.pattern);
    const configMap = new ApiObject(target.scope, target.id, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: target.configMapName, labels: target.labels },
      data: {
        // Through JSON first: fields left undefined would otherwise be written as `null`, which the exporter reads as set.
        [CONFIG_KEY]: Yaml.stringify(JSON.parse(JSON.stringify({ lowercaseOutputName: true, lowercaseOutputLabelNames: true, rules }))),
      },
    });
    return {
      config: { type: this.type, valueFrom: { configMapKeyRef: { name: target.configMapName, key: CONFIG_KEY } } },
      configMap,
    };
  }
}

/** Throws unless `regex` compiles; `what` names it in the message. */
export function checkRegex(subject: Subject, what: string, regex: string): void {
  try {
    new RegExp(regex);
  } catch (e) {
    throw subject.error('metrics-regex-invalid', `the ${what} '${regex}' is not a valid regular expression (${(e as Error).message})`,
      'Correct the expression; escape literal characters such as \'.\' or \'(\' with \'\\\\\'');
  }
}

/** Where a Prometheus (e.g. a PodMonitor) finds one Strimzi component's metrics. */
export interface PrometheusTarget {
  /** The component: `kafka` (brokers and controllers), `kafka-exporter` or `cruise-control`. */
  readonly component: string;
  /** Labels of the component's pods, for `selector.matchLabels`. */
  readonly podSelector: Record<string, string>;
  /** Name of the metrics port, for `podMetricsEndpoints[].port`. */
  readonly port: string;
  /** HTTP path of the metrics. */
  readonly path: string;
}

/** The target of a component of `clusterName`; Strimzi labels its pods `strimzi.io/name: <cluster>-<component>`. */
export function prometheusTarget(clusterName: string, component: string): PrometheusTarget {
  return {
    component,
    podSelector: { 'strimzi.io/cluster': clusterName, 'strimzi.io/name': `${clusterName}-${component}` },
    port: METRICS_PORT_NAME,
    path: '/metrics',
  };
}
