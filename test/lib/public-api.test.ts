import * as api from '../../lib';

describe('public API (lib/index.ts, the package entry point)', () => {
  test('exports the constructs and their helpers, and nothing internal', () => {
    // GIVEN the package entry point WHEN its runtime exports are listed THEN they are exactly the documented ones
    expect(Object.keys(api).sort()).toEqual([
      'AclOperation', 'AclPatternType', 'AclResource', 'AclResourceType', 'AclRuleType', 'CleanupPolicy',
      'ClusterListener', 'ClusterProfile', 'Consequence', 'Grant', 'ImageBuildSource', 'InsecureTraffic', 'KafkaAuthorization',
      'KafkaCluster', 'KafkaClusterBase', 'KafkaListenerType', 'KafkaMetrics', 'KafkaMicroservice', 'KafkaResources',
      'KafkaUser', 'KafkaVersion', 'KafkaVolume', 'ListenerAuthentication', 'MicroservicePair', 'NodePool',
      'NodePoolStorage', 'NodeRole', 'OpenShiftImageBuild', 'OpenShiftRoute', 'PlanAction', 'PodAntiAffinity', 'Retention',
      'RetentionSize', 'StrimziCdk8sError', 'SynthPlan', 'TaintEffect', 'TolerationOperator', 'Topic', 'TopologyKey',
      'UserAuthentication', 'Warnings', 'WhenUnsatisfiable', 'strimzi',
      // Kafka Connect and the HTTP Bridge
      'ConnectBuildOutput', 'ConnectConverter', 'ConnectorState', 'KafkaBridge', 'KafkaConnect', 'KafkaConnector', 'PluginArtifact',
    ].sort());
  });

  test('exports the generated Strimzi types of every kind as the namespace `strimzi`', () => {
    // GIVEN the namespace WHEN its resource classes are listed THEN every Strimzi 1.2.0 kafka.strimzi.io kind is there
    const kinds = Object.values(api.strimzi as Record<string, unknown>)
      .filter((value): value is { GVK: { kind: string } } => typeof value === 'function' && 'GVK' in value)
      .map((cls) => cls.GVK.kind);
    expect(kinds.sort()).toEqual([
      'Kafka', 'KafkaBridge', 'KafkaConnect', 'KafkaConnector', 'KafkaMirrorMaker2', 'KafkaNodePool', 'KafkaRebalance',
      'KafkaTopic', 'KafkaUser',
    ]);
  });
});
