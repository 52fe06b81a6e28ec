import { Size, SizeRoundingBehavior } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-27';
import {
  KafkaSpecCruiseControl,
  KafkaSpecCruiseControlMetricsConfigType,
  KafkaSpecCruiseControlResourcesLimits,
  KafkaSpecCruiseControlResourcesRequests,
} from '../../imports/kafka.strimzi.io';
import { Subject } from '../base/subject';
import { CRUISE_CONTROL_JMX_RULES } from './jmx-exporter-rules';
import { JvmOptions, renderJvmOptions } from './jvm-options';
import { KafkaMetrics, MetricsTarget } from './metrics';
import { ContainerResources, renderResources } from './resources';

/** Capacity of a broker as Cruise Control plans with it; network rates are per second. */
export interface BrokerResourceCapacity {
  /**
   * CPU of a broker.
   * @default - the broker container's CPU request or limit
   */
  readonly cpu?: Cpu;
  /**
   * Inbound network throughput per second.
   * @default - unknown: Cruise Control leaves the inbound network goal out
   */
  readonly inboundNetwork?: Size;
  /**
   * Outbound network throughput per second.
   * @default - unknown: Cruise Control leaves the outbound network goal out
   */
  readonly outboundNetwork?: Size;
}

/** Capacity of some brokers, by node id, that differ from the rest. */
export interface BrokerCapacityOverride extends BrokerResourceCapacity {
  /** Node ids of the brokers. */
  readonly brokers: number[];
}

/** Capacity of the brokers (`spec.cruiseControl.brokerCapacity`). */
export interface BrokerCapacity extends BrokerResourceCapacity {
  /**
   * Brokers whose capacity differs.
   * @default - none
   */
  readonly overrides?: BrokerCapacityOverride[];
}

/** Cruise Control (`spec.cruiseControl`), which balances partitions across brokers and serves KafkaRebalance. */
export interface CruiseControlOptions {
  /**
   * Capacity of the brokers; without network capacities the network goals are left out.
   * @default - CPU from the brokers' resources, network unknown
   */
  readonly brokerCapacity?: BrokerCapacity;
  /**
   * Cruise Control settings (`spec.cruiseControl.config`); keys Strimzi manages are refused.
   * @default - Strimzi's
   */
  readonly config?: Record<string, string | number | boolean>;
  /**
   * Metrics of Cruise Control itself; only the JMX Exporter (Strimzi refuses its metrics reporter here).
   * @default - none
   */
  readonly metrics?: KafkaMetrics;
  /**
   * CPU and memory of Cruise Control.
   * @default - none
   */
  readonly resources?: ContainerResources;
  /**
   * JVM options of Cruise Control.
   * @default - Strimzi's
   */
  readonly jvmOptions?: JvmOptions;
}

/** Config keys Strimzi sets itself, and their exceptions (Strimzi 1.2.0 `CruiseControlSpec.FORBIDDEN_PREFIXES`). */
const FORBIDDEN_PREFIXES = [
  'bootstrap.servers', 'client.id', 'zookeeper.', 'network.', 'security.', 'failed.brokers.zk.path', 'webserver.http.',
  'webserver.api.urlprefix', 'webserver.session.path', 'webserver.accesslog.', 'two.step.', 'request.reason.required',
  'metric.reporter.sampler.bootstrap.servers', 'capacity.config.file', 'self.healing.', 'ssl.',
  'kafka.broker.failure.detection.enable', 'topic.config.provider.class',
];
const FORBIDDEN_EXCEPTIONS = new Set([
  'ssl.cipher.suites', 'ssl.protocol', 'ssl.enabled.protocols', 'webserver.http.cors.enabled', 'webserver.http.cors.origin',
  'webserver.http.cors.exposeheaders', 'webserver.security.enable', 'webserver.ssl.enable',
]);
// The CRD's patterns for capacities.
const CPU_PATTERN = /^[0-9]+([.][0-9]{0,3}|[m]?)$/;

/**
 * `spec.cruiseControl` in the CRD's form, checking Strimzi's own rules: at least two brokers, JMX-only metrics,
 * forbidden config keys, well-formed capacities, and no broker in two capacity overrides.
 * @param metrics where the JMX Exporter's ConfigMap goes, without its default rules
 */
export function renderCruiseControl(
  owner: Subject,
  options: CruiseControlOptions,
  brokerCount: number,
  metrics: Omit<MetricsTarget, 'subject' | 'defaultRules'>,
): KafkaSpecCruiseControl {
  const subject = owner.part('component', 'Cruise Control');
  if (brokerCount < 2) {
    // Strimzi's CruiseControlMetricsReporter.validateCruiseControl refuses it at reconcile time.
    throw subject.error('cruise-control-too-few-brokers',
      `the cluster has ${brokerCount} broker; Cruise Control moves partitions between brokers and Strimzi requires at least two`,
      'Add brokers, or leave cruiseControl out');
  }
  if (options.metrics && options.metrics.type !== 'jmxPrometheusExporter') {
    throw subject.error('cruise-control-metrics-type',
      `its metrics use ${options.metrics.type}, which Strimzi supports only for Kafka (the CRD says "value type not supported")`,
      'Use KafkaMetrics.jmxPrometheusExporter() for Cruise Control');
  }
  for (const key of Object.keys(options.config ?? {})) {
    if (!FORBIDDEN_EXCEPTIONS.has(key) && FORBIDDEN_PREFIXES.some((p) => key.startsWith(p))) {
      throw subject.error('cruise-control-config-strimzi-managed', `config '${key}' is managed by Strimzi and would be ignored`,
        'Remove it; Strimzi sets connections, security and capacities itself');
    }
  }
  const metricsConfig = options.metrics?._bind({ ...metrics, subject, defaultRules: CRUISE_CONTROL_JMX_RULES }).config;
  return {
    brokerCapacity: options.brokerCapacity && renderBrokerCapacity(subject, options.brokerCapacity),
    config: options.config,
    metricsConfig: metricsConfig && {
      type: KafkaSpecCruiseControlMetricsConfigType.JMX_PROMETHEUS_EXPORTER,
      valueFrom: metricsConfig.valueFrom,
    },
    resources: renderResources(subject, options.resources, {
      request: KafkaSpecCruiseControlResourcesRequests.fromString,
      limit: KafkaSpecCruiseControlResourcesLimits.fromString,
    }),
    jvmOptions: renderJvmOptions(subject, options.jvmOptions, options.resources?.memory?.limit),
  };
}

function renderBrokerCapacity(subject: Subject, capacity: BrokerCapacity) {
  const claimed = new Map<number, number>();
  (capacity.overrides ?? []).forEach((override, index) => {
    if (override.brokers.length === 0) {
      throw subject.error('cruise-control-override-no-broker', `brokerCapacity override ${index} lists no broker`,
        'List the node ids of the brokers it applies to');
    }
    for (const id of override.brokers) {
      if (!Number.isInteger(id) || id < 0) {
        throw subject.error('cruise-control-override-broker-id-invalid',
          `brokerCapacity override ${index} lists broker ${id}; node ids are whole numbers from 0`, 'Use the brokers\' node ids');
      }
      const earlier = claimed.get(id);
      if (earlier !== undefined) {
        // Strimzi's CapacityConfiguration keeps the first override of a broker and ignores the others.
        throw subject.error('cruise-control-override-broker-twice',
          `broker ${id} is in brokerCapacity overrides ${earlier} and ${index}; Strimzi would ignore the second`,
          'List each broker in one override only');
      }
      claimed.set(id, index);
    }
  });
  return {
    ...renderCapacity(subject, 'brokerCapacity', capacity),
    overrides: capacity.overrides?.map((o, i) => ({ brokers: o.brokers, ...renderCapacity(subject, `brokerCapacity override ${i}`, o) })),
  };
}

function renderCapacity(subject: Subject, what: string, capacity: BrokerResourceCapacity) {
  if (capacity.cpu && !CPU_PATTERN.test(capacity.cpu.amount)) {
    throw subject.error('cruise-control-cpu-invalid',
      `the ${what} cpu '${capacity.cpu.amount}' is not a CPU amount Strimzi accepts (whole millicores, or cores with up to 3 decimals)`,
      'Use e.g. Cpu.units(2) or Cpu.millis(1500)');
  }
  return {
    cpu: capacity.cpu?.amount,
    inboundNetwork: capacity.inboundNetwork && networkRate(subject, `${what} inboundNetwork`, capacity.inboundNetwork),
    outboundNetwork: capacity.outboundNetwork && networkRate(subject, `${what} outboundNetwork`, capacity.outboundNetwork),
  };
}

/** A throughput in the form the CRD takes (`^[0-9]+([KMG]i?)?B/s$`), in the largest binary unit that is exact. */
function networkRate(subject: Subject, what: string, perSecond: Size): string {
  const kibibytes = perSecond.toKibibytes({ rounding: SizeRoundingBehavior.NONE });
  if (!Number.isInteger(kibibytes) || kibibytes <= 0) {
    throw subject.error('cruise-control-throughput-invalid', `the ${what} must be a positive whole number of kibibytes per second`,
      'Use e.g. Size.mebibytes(125) for 125MiB/s');
  }
  if (kibibytes % (1024 * 1024) === 0) return `${kibibytes / (1024 * 1024)}GiB/s`;
  if (kibibytes % 1024 === 0) return `${kibibytes / 1024}MiB/s`;
  return `${kibibytes}KiB/s`;
}
