import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { KafkaResources } from '../base/kafka-resources';

/** The Kafka pods a service talks to: broker pods of one cluster, on one listener port. */
export interface KafkaEgress {
  /** Name of the Kafka cluster. */
  readonly clusterName: string;
  /** The listener's port (the pods' own port, which is what a NetworkPolicy sees after the Service). */
  readonly port: number;
}

/**
 * DNS: CoreDNS pods listen on 53, OpenShift's DNS pods on 5353 behind a Service on 53, and a NetworkPolicy sees
 * the pod's port. The destination is left open because DNS pods carry different labels per distribution, and
 * node-local DNS caches answer from a link-local address that no pod selector matches.
 */
export const DNS_PORTS: k8s.NetworkPolicyPort[] = [53, 5353].flatMap((port) =>
  ['UDP', 'TCP'].map((protocol) => ({ protocol, port: k8s.IntOrString.fromNumber(port) })));

/** What a service's NetworkPolicy is made from. */
interface ServiceNetworkPolicyProps {
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly podSelector: Record<string, string>;
  readonly httpPort: number;
  readonly kafka: KafkaEgress;
}

/**
 * The NetworkPolicy of one service's pods: ingress on its HTTP port only, egress to its cluster's broker pods on
 * its listener port, and DNS. Everything else in or out is denied once the policy selects the pods.
 */
export function addServiceNetworkPolicy(scope: Construct, props: ServiceNetworkPolicyProps): k8s.KubeNetworkPolicy {
  return new k8s.KubeNetworkPolicy(scope, 'NetworkPolicy', {
    metadata: { name: props.name, labels: props.labels },
    spec: {
      podSelector: { matchLabels: props.podSelector },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(props.httpPort) }] }],
      egress: [
        {
          to: [{ podSelector: { matchLabels: KafkaResources.brokerPodLabels(props.kafka.clusterName) } }],
          ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(props.kafka.port) }],
        },
        { ports: DNS_PORTS },
      ],
    },
  });
}
