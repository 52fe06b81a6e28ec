/**
 * The rules the Strimzi 1.2.0 Cluster Operator applies to `spec.kafka.listeners` before it reconciles a cluster
 * (cluster-operator/.../model/ListenersValidator.java at tag 1.2.0, and GenericKafkaListener.LISTENER_NAME_REGEX),
 * checked on the listeners as the Kafka resource holds them (Strimzi's field names).
 */

/** A listener in the Kafka resource's JSON. */
export interface ListenerJson {
  readonly name: string;
  readonly port: number;
  readonly type: string;
  readonly tls: boolean;
  readonly configuration?: Record<string, any>;
}

/** A broken rule of one listener. */
export interface ListenerProblem {
  readonly listener: string;
  /** The rule's stable code, e.g. `listener-port-invalid`. */
  readonly code: string;
  readonly problem: string;
  readonly fix: string;
}

export const LISTENER_NAME = /^[a-z0-9]{1,11}$/;
/** The lowest port a listener may use: Strimzi's own listeners take 9090 (control plane) and 9091 (replication). */
export const LOWEST_LISTENER_PORT = 9092;
/** Ports Strimzi keeps for itself (ListenersValidator.FORBIDDEN_PORTS). */
export const RESERVED_LISTENER_PORTS: Readonly<Record<number, string>> = { 9404: 'Prometheus metrics', 9999: 'JMX' };

/** What each listener type needs. */
export interface ListenerTypeRule {
  /** In-cluster clients can use its bootstrap Service (`internal`, `cluster-ip`). */
  readonly inCluster?: true;
  /** TLS must be on: route and ingress (validateRouteAndIngressTlsOnly); tlsroute passes TLS through by SNI, which only TLS carries. */
  readonly tls?: true;
  /** `configuration.bootstrap.host` and per-broker hosts are needed (validateIngress, validateTlsRoute). */
  readonly hosts?: true;
  /** `configuration.parentRefs` (the Gateway) is needed (validateTlsRoute). */
  readonly parentRefs?: true;
  /** Deprecated by Strimzi, with what to use instead. */
  readonly deprecated?: string;
}

export const LISTENER_TYPES: Readonly<Record<string, ListenerTypeRule>> = {
  'internal': { inCluster: true },
  'cluster-ip': { inCluster: true },
  'route': { tls: true },
  'ingress': { tls: true, hosts: true, deprecated: "deprecated since Strimzi 0.51: use 'tlsroute' where the Gateway API offers TLSRoute" },
  'tlsroute': { tls: true, hosts: true, parentRefs: true },
  'loadbalancer': {},
  'nodeport': {},
};

const TYPES = Object.keys(LISTENER_TYPES);
const HOST = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const NOT_INTERNAL = TYPES.filter((t) => t !== 'internal');

/** `configuration` fields and the listener types that may set them (ListenersValidator.validate<Field>). */
export const LISTENER_CONFIGURATION_TYPES: Readonly<Record<string, readonly string[]>> = {
  'useServiceDnsDomain': ['internal', 'cluster-ip'],
  'ipFamilyPolicy': NOT_INTERNAL,
  'ipFamilies': NOT_INTERNAL,
  'class': ['ingress', 'loadbalancer'],
  'preferredNodePortAddressType': ['nodeport'],
  'publishNotReadyAddresses': NOT_INTERNAL,
  'externalTrafficPolicy': ['loadbalancer', 'nodeport'],
  'loadBalancerSourceRanges': ['loadbalancer'],
  'allocateLoadBalancerNodePorts': ['loadbalancer'],
  'finalizers': ['loadbalancer'],
  'hostTemplate': ['route', 'ingress', 'tlsroute'],
  'perBrokerLabelsTemplate': NOT_INTERNAL,
  'perBrokerAnnotationsTemplate': NOT_INTERNAL,
  'parentRefs': ['tlsroute'],
  'bootstrap.host': ['route', 'ingress', 'tlsroute'],
  'bootstrap.loadBalancerIP': ['loadbalancer'],
  'bootstrap.nodePort': ['nodeport'],
  'bootstrap.externalIPs': ['nodeport'],
  'bootstrap.labels': NOT_INTERNAL,
  'bootstrap.annotations': NOT_INTERNAL,
  'brokers[].host': ['route', 'ingress', 'tlsroute'],
  'brokers[].loadBalancerIP': ['loadbalancer'],
  'brokers[].nodePort': ['nodeport'],
  'brokers[].externalIPs': ['nodeport'],
  'brokers[].labels': NOT_INTERNAL,
  'brokers[].annotations': NOT_INTERNAL,
};

// validateCreateBootstrapService: only a load balancer listener may turn its bootstrap Service off.
const CREATE_BOOTSTRAP_SERVICE_TYPES = ['loadbalancer'];

const isSet = (value: unknown) =>
  value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0) &&
  !(typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0);

/** The `configuration` fields a listener sets, as `field` / `bootstrap.field` / `brokers[].field`. */
function configuredFields(configuration: Record<string, any>): string[] {
  const fields = Object.keys(configuration).filter((k) => k !== 'bootstrap' && k !== 'brokers' && isSet(configuration[k]));
  fields.push(...Object.keys(configuration.bootstrap ?? {}).filter((k) => isSet(configuration.bootstrap[k])).map((k) => `bootstrap.${k}`));
  for (const broker of (configuration.brokers ?? []) as Record<string, unknown>[]) {
    fields.push(...Object.keys(broker).filter((k) => k !== 'broker' && isSet(broker[k])).map((k) => `brokers[].${k}`));
  }
  return [...new Set(fields)];
}

/** Every rule broken by a cluster's listeners; `brokers` is the cluster's broker count. */
export function listenerProblems(listeners: readonly ListenerJson[], brokers: number): ListenerProblem[] {
  const problems: ListenerProblem[] = [];
  const add: AddProblem = (listener, code, problem, fix) => problems.push({ listener, code, problem, fix });
  if (listeners.length === 0) add('(none)', 'listeners-empty', 'a cluster needs at least one listener',
    "Add one, e.g. { name: 'plain', port: 9092 }");
  const names = new Set<string>();
  const ports = new Map<number, string>();
  for (const l of listeners) {
    if (typeof l.name !== 'string' || !LISTENER_NAME.test(l.name)) {
      const suggestion = String(l.name).toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 11) || 'plain';
      add(String(l.name), 'listener-name-invalid',
        `the name must be 1 to 11 lower-case letters or digits (${LISTENER_NAME.source}): Strimzi builds port and Service names from it`,
        `Use e.g. '${suggestion}'`);
    } else if (names.has(l.name)) {
      add(l.name, 'listener-name-duplicate', 'the name is used by two listeners', 'Give each listener its own name');
    }
    names.add(l.name);
    if (!Number.isInteger(l.port) || l.port < LOWEST_LISTENER_PORT || l.port > 65535) {
      add(l.name, 'listener-port-invalid',
        `port ${l.port} is not a whole number from ${LOWEST_LISTENER_PORT} to 65535 (Strimzi uses 9090 and 9091 for the controller and replication)`,
        'Use e.g. 9094');
    } else if (RESERVED_LISTENER_PORTS[l.port]) {
      add(l.name, 'listener-port-reserved', `port ${l.port} is reserved by Strimzi for ${RESERVED_LISTENER_PORTS[l.port]}`,
        'Choose another port, e.g. 9094');
    } else if (ports.has(l.port)) {
      add(l.name, 'listener-port-duplicate', `port ${l.port} is also used by listener '${ports.get(l.port)}'; listener ports must be unique`,
        'Give each listener its own port');
    }
    ports.set(l.port, l.name);
    typeProblems(l, brokers, add);
  }
  return problems;
}

type AddProblem = (listener: string, code: string, problem: string, fix: string) => void;

function typeProblems(l: ListenerJson, brokers: number, add: AddProblem): void {
  const rule = LISTENER_TYPES[l.type];
  if (!rule) {
    add(l.name, 'listener-type-unsupported', `type '${l.type}' is not a listener type of Strimzi 1.2.0`,
      `Use one of ${TYPES.join(', ')} (KafkaListenerType)`);
    return;
  }
  if (typeof l.tls !== 'boolean') add(l.name, 'listener-tls-not-boolean', `tls is ${JSON.stringify(l.tls)}, not true or false`,
    'Set tls: true or false');
  if (rule.tls && l.tls !== true) add(l.name, 'listener-tls-required', `a listener of type '${l.type}' requires TLS`, 'Set tls: true');
  const configuration = l.configuration ?? {};
  if (l.tls !== true && isSet(configuration.brokerCertChainAndKey)) add(l.name, 'listener-certificate-without-tls',
    'a custom certificate (brokerCertChainAndKey) needs TLS encryption', 'Set tls: true');
  if (rule.hosts) {
    if (!isSet(configuration.bootstrap?.host)) add(l.name, 'listener-bootstrap-host-missing',
      `a listener of type '${l.type}' needs configuration.bootstrap.host`, "Set configuration: { bootstrap: { host: 'kafka.example.com' }, ... }");
    const brokerHosts = ((configuration.brokers ?? []) as { host?: string }[]).filter((b) => isSet(b.host)).length;
    if (!isSet(configuration.hostTemplate) && brokerHosts < brokers) {
      add(l.name, 'listener-broker-hosts-missing',
        `a listener of type '${l.type}' needs a host for each of the ${brokers} broker(s): configuration.hostTemplate or ` +
          `configuration.brokers[].host`,
        "Set e.g. configuration: { hostTemplate: 'broker-{nodeId}.kafka.example.com' }");
    }
  }
  // Strimzi makes the hosts the hosts of Routes, Ingresses and TLSRoutes, which Kubernetes checks as DNS-1123 subdomains (a leading '*.' allowed).
  const hosts = [configuration.bootstrap?.host, ...((configuration.brokers ?? []) as { host?: string }[]).map((b) => b.host)].filter(isSet);
  for (const host of hosts) {
    if (typeof host !== 'string' || !HOST.test(host) || host.length > 253) add(l.name, 'listener-host-invalid',
      `host ${JSON.stringify(host)} is not a DNS name (a DNS-1123 subdomain)`, "Use a host such as 'kafka.example.com'");
  }
  if (rule.parentRefs && !isSet(configuration.parentRefs)) add(l.name, 'listener-parent-refs-missing',
    `a listener of type '${l.type}' needs configuration.parentRefs (the Gateway to attach to)`, 'Set configuration.parentRefs');
  for (const field of configuredFields(configuration)) {
    const allowed = LISTENER_CONFIGURATION_TYPES[field];
    if (allowed && !allowed.includes(l.type)) add(l.name, 'listener-configuration-not-for-type',
      `configuration.${field} applies only to ${allowed.join(', ')} listeners, not '${l.type}'`, `Remove configuration.${field}`);
  }
  if (configuration.createBootstrapService === false && !CREATE_BOOTSTRAP_SERVICE_TYPES.includes(l.type)) {
    add(l.name, 'listener-bootstrap-service-not-for-type',
      `configuration.createBootstrapService applies only to loadbalancer listeners, not '${l.type}'`, 'Remove configuration.createBootstrapService');
  }
}
