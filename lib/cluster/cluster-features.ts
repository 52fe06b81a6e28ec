import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import {
  KafkaSpecCruiseControl,
  KafkaSpecKafkaExporter,
  KafkaSpecKafkaMetricsConfig,
  KafkaSpecKafkaMetricsConfigType,
  KafkaSpecKafkaRack,
  KafkaSpecKafkaTemplate,
} from '../../imports/kafka.strimzi.io';
import { Subject } from '../base/subject';
import { Warnings } from '../base/warnings';
import { KafkaPodDisruptionBudget, renderPodDisruptionBudget } from './availability';
import { CruiseControlOptions, renderCruiseControl } from './cruise-control';
import { KAFKA_JMX_RULES } from './jmx-exporter-rules';
import { KafkaExporterOptions, renderKafkaExporter } from './kafka-exporter';
import { KafkaMetrics, PrometheusTarget, prometheusTarget } from './metrics';
import { NodePoolOptions } from './node-pool';
import { ClusterProfile, PRODUCTION_DEFAULTS } from './production';
import { RackAwareness, renderRack } from './rack';

/** The props of a cluster beyond its nodes and listeners: placement, availability and observability. */
export interface ClusterFeatureProps {
  readonly rack?: RackAwareness | false;
  readonly podDisruptionBudget?: KafkaPodDisruptionBudget;
  readonly metrics?: KafkaMetrics | false;
  readonly kafkaExporter?: KafkaExporterOptions | false;
  readonly cruiseControl?: CruiseControlOptions;
  readonly labels?: Record<string, string>;
}

/** What the cluster knows when it renders its features. */
export interface ClusterFacts {
  readonly name: string;
  readonly profile: ClusterProfile;
  readonly brokers: number;
  readonly controllers: number;
  /** The rendered `spec.kafka.config`. */
  readonly config: Record<string, string | number | boolean>;
  /** The node pools, to see whether they spread across the racks themselves. */
  readonly pools: readonly NodePoolOptions[];
}

/** The features in the CRD's form, and the facts they give the cluster. */
export interface ClusterFeatures {
  /** Fields of `spec.kafka`. */
  readonly kafka: { rack?: KafkaSpecKafkaRack; metricsConfig?: KafkaSpecKafkaMetricsConfig; template?: KafkaSpecKafkaTemplate };
  /** Broker config the features add. */
  readonly config: Record<string, string>;
  readonly kafkaExporter?: KafkaSpecKafkaExporter;
  readonly cruiseControl?: KafkaSpecCruiseControl;
  /** The rack, when rack awareness is on, and the key to spread pods across, when they are spread. */
  readonly rack?: { topologyKey: string; spreadTopologyKey?: string };
  readonly metricsOn: boolean;
  readonly prometheusTargets: PrometheusTarget[];
  readonly metricsConfigMaps: ApiObject[];
}

/**
 * Renders rack awareness, the PodDisruptionBudget, metrics, Kafka Exporter and Cruise Control, each from its prop
 * or, when the prop is left out, from the cluster's profile. Creates the JMX Exporter ConfigMaps in `scope`.
 */
export function renderClusterFeatures(scope: Construct, owner: Subject, props: ClusterFeatureProps, facts: ClusterFacts): ClusterFeatures {
  const production = facts.profile === ClusterProfile.PRODUCTION;
  const rackProps = props.rack ?? (production ? PRODUCTION_DEFAULTS.rack : false);
  const rack = rackProps === false ? undefined : renderRack(owner, rackProps);
  for (const key of Object.keys(rack?.config ?? {})) {
    if (key in facts.config) {
      throw owner.error('broker-config-set-by-rack', `broker config '${key}' is set in 'additional' and by rack closestReplicaFetching`,
        `Remove '${key}' from 'additional'`);
    }
  }

  if (rack && !rack.spreadTopologyKey) {
    const key = rack.rack.topologyKey;
    const unspread = facts.pools.filter((p) => !(p.scheduling?.spreadAcross ?? []).some((s) => s.topologyKey === key));
    if (unspread.length > 0) {
      Warnings.of(scope)._add('rack-without-spread', owner,
        `rack awareness is on but the pods of ${unspread.map((p) => `'${p.name}'`).join(', ')} are not ` +
        `spread across '${key}'; Strimzi no longer spreads them itself, so a pool's pods may all land in one rack`,
        'Leave spreadPods on, or spread each pool across the rack key');
    }
  }

  const budget = props.podDisruptionBudget ?? (production ? PRODUCTION_DEFAULTS.podDisruptionBudget : undefined);
  const podDisruptionBudget = budget && renderPodDisruptionBudget(scope, owner, budget, {
    controllers: facts.controllers,
    replicationFactor: Number(facts.config['default.replication.factor']),
    minInsyncReplicas: Number(facts.config['min.insync.replicas']),
  });

  const labels = { ...props.labels, 'strimzi.io/cluster': facts.name };
  const metrics = props.metrics ?? (production ? PRODUCTION_DEFAULTS.metrics : false);
  const kafkaMetrics = metrics === false ? undefined : metrics._bind({
    scope, id: 'MetricsConfig', subject: owner, configMapName: `${facts.name}-kafka-metrics`, labels, defaultRules: KAFKA_JMX_RULES,
  }).config;
  const exporterProps = props.kafkaExporter ?? (production ? PRODUCTION_DEFAULTS.kafkaExporter : false);
  const kafkaExporter = exporterProps === false ? undefined : renderKafkaExporter(owner, exporterProps);
  const cruiseControl = props.cruiseControl && renderCruiseControl(owner, props.cruiseControl, facts.brokers, {
    scope, id: 'CruiseControlMetricsConfig', configMapName: `${facts.name}-cruise-control-metrics`, labels,
  });

  return {
    kafka: {
      rack: rack?.rack,
      metricsConfig: kafkaMetrics && {
        type: kafkaMetrics.type === 'jmxPrometheusExporter'
          ? KafkaSpecKafkaMetricsConfigType.JMX_PROMETHEUS_EXPORTER : KafkaSpecKafkaMetricsConfigType.STRIMZI_METRICS_REPORTER,
        valueFrom: kafkaMetrics.valueFrom,
        values: kafkaMetrics.values,
      },
      template: podDisruptionBudget && { podDisruptionBudget },
    },
    config: rack?.config ?? {},
    kafkaExporter,
    cruiseControl,
    rack: rack && { topologyKey: rack.rack.topologyKey!, spreadTopologyKey: rack.spreadTopologyKey },
    metricsOn: kafkaMetrics !== undefined,
    prometheusTargets: [
      ...(kafkaMetrics ? [prometheusTarget(facts.name, 'kafka')] : []),
      ...(kafkaExporter ? [prometheusTarget(facts.name, 'kafka-exporter')] : []),
      ...(cruiseControl?.metricsConfig ? [prometheusTarget(facts.name, 'cruise-control')] : []),
    ],
    metricsConfigMaps: scope.node.children.filter((c): c is ApiObject => c instanceof ApiObject && c.kind === 'ConfigMap'),
  };
}
