import { NameRule } from '../../lib/rules/kubernetes-names';
import { KubeJson } from '../../lib/rules/kubernetes-objects';

/**
 * Probe values for a name rule: every character class at the start, middle and end, the length limit and one past it,
 * and the shapes the rules single out (digits only, `--`, dots, a leading digit, empty).
 */
export function nameProbes(rule: NameRule): string[] {
  const chars = ['a', 'z', 'A', 'Z', '0', '9', '-', '.', '_', ' ', '/', ':', '=', '@', 'é', '\t'];
  const max = Number.isFinite(rule.maxLength) ? rule.maxLength : 300;
  const probes = [
    ...chars.flatMap((c) => [c, `a${c}`, `${c}a`, `a${c}b`, `1${c}1`]),
    '', 'abc', '123', '1a', 'a1', 'a--b', 'a-b-c', 'a.b', 'a..b', 'a.-b', 'a-.b', 'ab.cd.ef', 'x1-y2', 'http',
    'a'.repeat(max), 'a'.repeat(max + 1), `${'a'.repeat(max - 1)}-`, `1${'a'.repeat(max - 1)}`,
    `${'a'.repeat(63)}.${'b'.repeat(63)}`, `${'a'.repeat(64)}.b`,
  ];
  return [...new Set(probes)];
}

/** A value in the place a rule applies to, with everything else valid: the object both verdicts are asked about. */
export interface ProbePlace {
  /** What the place is, for the report, e.g. `Pod container name`. */
  readonly place: string;
  readonly build: (value: any) => KubeJson;
}

const meta = (name = 'probe') => ({ name });
const container = (extra: Record<string, unknown> = {}) => ({ name: 'app', image: 'registry.example.com/app:1.0', ...extra });
const pod = (spec: Record<string, unknown>): KubeJson => ({ apiVersion: 'v1', kind: 'Pod', metadata: meta(), spec });
const configMap = (metadata: Record<string, unknown>): KubeJson => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { ...meta(), ...metadata } });
const service = (ports: unknown[], name = 'probe'): KubeJson => ({
  apiVersion: 'v1', kind: 'Service', metadata: meta(name), spec: { ports, selector: { app: 'probe' } },
});
const deployment = (selector: Record<string, unknown>, templateLabels: Record<string, unknown>): KubeJson => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta(),
  spec: { selector: { matchLabels: selector }, template: { metadata: { labels: templateLabels }, spec: { containers: [container()] } } },
});

/** The places each name rule of `NAME_RULES` guards (kubernetes-objects.ts applies them there). */
export const NAME_PLACES: Readonly<Record<string, ProbePlace[]>> = {
  dns1123Subdomain: [
    { place: 'ConfigMap metadata.name', build: (v) => ({ ...configMap({}), metadata: meta(v) }) },
    { place: 'label key prefix', build: (v) => configMap({ labels: { [`${v}/key`]: 'v' } }) },
  ],
  dns1123Label: [
    { place: 'Namespace metadata.name', build: (v) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: meta(v) }) },
    { place: 'Pod container name', build: (v) => pod({ containers: [container({ name: v })] }) },
    { place: 'Pod volume name', build: (v) => pod({ containers: [container()], volumes: [{ name: v, emptyDir: {} }] }) },
    { place: 'Service port name', build: (v) => service([{ name: v, port: 80 }]) },
  ],
  dns1035Label: [{ place: 'Service metadata.name', build: (v) => service([{ port: 80 }], v) }],
  qualifiedName: [
    { place: 'label key', build: (v) => configMap({ labels: { [v]: 'v' } }) },
    { place: 'annotation key', build: (v) => configMap({ annotations: { [v]: 'v' } }) },
    {
      place: 'NetworkPolicy podSelector key',
      build: (v) => ({
        apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta(), spec: { podSelector: { matchLabels: { [v]: 'v' } } },
      }),
    },
  ],
  labelValue: [
    { place: 'label value', build: (v) => configMap({ labels: { key: v } }) },
    { place: 'Deployment selector and template label value', build: (v) => deployment({ app: v }, { app: v }) },
  ],
  ianaPortName: [
    { place: 'Pod container port name', build: (v) => pod({ containers: [container({ ports: [{ name: v, containerPort: 8080 }] })] }) },
    { place: 'Service named targetPort', build: (v) => service([{ port: 80, targetPort: v }]) },
  ],
  envVarName: [{ place: 'Pod env name', build: (v) => pod({ containers: [container({ env: [{ name: v, value: 'x' }] })] }) }],
};

/** Probes of the rules that are not name patterns: numbers, enumerations, quantities, sizes, structure. */
export const OTHER_PROBES: readonly { place: string; values: readonly unknown[]; build: (value: any) => KubeJson }[] = [
  {
    place: 'Pod containerPort', values: [-1, 0, 1, 8080, 65535, 65536, 1.5, '8080'],
    build: (v) => pod({ containers: [container({ ports: [{ containerPort: v }] })] }),
  },
  { place: 'Service port', values: [-1, 0, 1, 80, 65535, 65536, 2.5], build: (v) => service([{ port: v }]) },
  { place: 'Service numeric targetPort', values: [-1, 0, 1, 8080, 65535, 65536], build: (v) => service([{ port: 80, targetPort: v }]) },
  {
    place: 'container port protocol', values: ['TCP', 'UDP', 'SCTP', 'tcp', 'HTTP', ''],
    build: (v) => pod({ containers: [container({ ports: [{ containerPort: 80, protocol: v }] })] }),
  },
  { place: 'Service port protocol', values: ['TCP', 'UDP', 'SCTP', 'tcp', 'HTTP'], build: (v) => service([{ port: 80, protocol: v }]) },
  {
    place: 'imagePullPolicy', values: ['Always', 'IfNotPresent', 'Never', 'always', 'Sometimes'],
    build: (v) => pod({ containers: [container({ imagePullPolicy: v })] }),
  },
  {
    place: 'container image',
    values: [
      'nginx', 'nginx:1.27', 'docker.io/library/nginx:latest', 'registry.example.com:5000/team/app:1.0', `nginx@sha256:${'a'.repeat(64)}`,
      '', ' nginx', 'nginx ', 'NGINX', 'nginx:', 'nginx@sha256:abc', 'nginx:tag with space',
    ],
    build: (v) => pod({ containers: [container({ image: v })] }),
  },
  {
    place: 'cpu request (quantity)',
    values: [
      '1', '0', '500m', '0.5', '.5', '1.', '+1', '-1', '-0', '1e3', '1E3', '1e-3', '1Ki', '1ki', '1KI', '1 Gi', ' 1', '1.5Gi', '1e', '0x10',
      '1m1', 'one', '', '1n', '1u', '1µ', 1, 0.5, -1, '9223372036854775807', '1e100', '1E',
    ],
    build: (v) => pod({ containers: [container({ resources: { requests: { cpu: v } } })] }),
  },
  {
    place: 'memory limit (quantity)',
    values: ['128Mi', '1Gi', '1G', '0', '-1Mi', '1.5Gi', '1Mb', 'Mi', 134217728],
    build: (v) => pod({ containers: [container({ resources: { limits: { memory: v } } })] }),
  },
  {
    place: 'cpu request vs limit',
    values: [['1', '2'], ['2', '2'], ['2', '1'], ['1000m', '1'], ['1001m', '1'], ['0.5', '500m'], ['501m', '0.5'], ['1Ki', '1k'], ['1k', '1Ki']],
    build: ([request, limit]) => pod({ containers: [container({ resources: { requests: { cpu: request }, limits: { cpu: limit } } })] }),
  },
  {
    place: 'memory request vs limit',
    values: [['1Gi', '1Gi'], ['1Gi', '1G'], ['1G', '1Gi'], ['1024Mi', '1Gi'], ['1025Mi', '1Gi']],
    build: ([request, limit]) => pod({ containers: [container({ resources: { requests: { memory: request }, limits: { memory: limit } } })] }),
  },
  {
    // One annotation whose key and value take `size` bytes in all (the limit is 256 KiB).
    place: 'total annotation size',
    values: [1024, 262143, 262144, 262145],
    build: (size) => configMap({ annotations: { a: 'x'.repeat(size - 1) } }),
  },
  { place: 'annotation value type', values: ['text', '', 1, true], build: (v) => configMap({ annotations: { note: v } }) },
  {
    place: 'Deployment selector vs template labels',
    values: [
      [{ app: 'a' }, { app: 'a' }], [{ app: 'a' }, { app: 'a', tier: 'web' }], [{ app: 'a' }, { app: 'b' }],
      [{ app: 'a', tier: 'web' }, { app: 'a' }],
    ],
    build: ([selector, labels]) => deployment(selector, labels),
  },
  {
    place: 'duplicate names in a pod',
    values: ['none', 'container', 'init+container', 'port', 'port-in-container', 'volume'],
    build: (which) => pod({
      initContainers: which === 'init+container' ? [container()] : undefined,
      containers: [
        container({ ports: [{ name: 'http', containerPort: 80 }, ...(which === 'port-in-container' ? [{ name: 'http', containerPort: 82 }] : [])] }),
        container({ name: which === 'container' ? 'app' : 'side', ports: [{ name: which === 'port' ? 'http' : 'metrics', containerPort: 81 }] }),
      ],
      volumes: [{ name: 'data', emptyDir: {} }, { name: which === 'volume' ? 'data' : 'tmp', emptyDir: {} }],
    }),
  },
  {
    place: 'Service port names with several ports',
    values: [['a', 'b'], ['a', 'a'], [undefined, 'b'], [undefined, undefined]],
    build: ([a, b]) => service([{ name: a, port: 80 }, { name: b, port: 81 }]),
  },
];

const workload = (kind: string, containerName: string): KubeJson => {
  const podSpec = { containers: [container({ name: containerName })], restartPolicy: ['Job', 'CronJob'].includes(kind) ? 'Never' : undefined };
  const template = { metadata: { labels: { app: 'probe' } }, spec: podSpec };
  const spec: Record<string, unknown> = kind === 'CronJob'
    ? { schedule: '0 * * * *', jobTemplate: { spec: { template } } }
    : {
      selector: kind === 'Job' ? undefined : { matchLabels: { app: 'probe' } }, template, serviceName: kind === 'StatefulSet' ? 'probe' : undefined,
    };
  return { apiVersion: ['Job', 'CronJob'].includes(kind) ? 'batch/v1' : 'apps/v1', kind, metadata: meta(), spec };
};

/** Each workload kind's pod template is where POD_TEMPLATE_PATHS says: a bad container name there is refused by both. */
export const TEMPLATE_PROBES = {
  place: 'pod template path of each workload kind',
  values: ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob'].flatMap((kind) => [[kind, 'app'], [kind, 'Bad_Name']]),
  build: ([kind, name]: [string, string]) => workload(kind, name),
};
