import { imageReferenceProblem } from './image-reference';
import { NAME_RULES, NameRule, nameProblem, qualifiedKeyProblem, suggestName } from './kubernetes-names';
import { quantityValue } from './quantity';

/**
 * The rules the Kubernetes API server (and the kubelet) apply to an object, checked on the object's final JSON
 * (pkg/apis/core/validation/validation.go and apps/validation). Each problem names the field, the rule and a fix.
 */

/** A broken rule in one object: the field (JSON path), what is wrong, and how to fix it. */
export interface FieldProblem {
  readonly field: string;
  /** The rule's stable code, e.g. `k8s-label-key-invalid`. */
  readonly code: string;
  readonly problem: string;
  readonly fix: string;
}

/** A manifest as synthesized. */
export interface KubeJson {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata?: { name?: unknown; namespace?: unknown; labels?: unknown; annotations?: unknown };
  readonly [field: string]: unknown;
}

/** The rule of `metadata.name` of each kind; any other kind (custom resources too) takes a DNS-1123 subdomain. */
export const NAME_RULE_OF_KIND: Readonly<Record<string, NameRule>> = {
  Service: NAME_RULES.dns1035Label, // ValidateServiceName
  Namespace: NAME_RULES.dns1123Label, // ValidateNamespaceName
};

/** Kinds that live outside any namespace (their names are unique in the whole cluster). */
export const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'StorageClass', 'ClusterRole', 'ClusterRoleBinding', 'PriorityClass',
  'CustomResourceDefinition', 'IngressClass', 'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration',
]);

/** Where each workload kind keeps its pod template. */
export const POD_TEMPLATE_PATHS: Readonly<Record<string, readonly string[]>> = {
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

/** Container fields that take one of a few values (core/v1 types.go). */
export const CONTAINER_ENUMS: Readonly<Record<string, readonly string[]>> = {
  imagePullPolicy: ['Always', 'IfNotPresent', 'Never'],
};
const PORT_PROTOCOLS = ['TCP', 'UDP', 'SCTP'];

/** Limits with their source. */
const PORT_RANGE = [1, 65535] as const; // IsValidPortNum
const ANNOTATIONS_MAX_BYTES = 256 * 1024; // TotalAnnotationSizeLimitB

type Json = Record<string, any>;

/** Every rule of this file broken by one object. */
export function kubernetesObjectProblems(object: KubeJson): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const rule = NAME_RULE_OF_KIND[object.kind] ?? NAME_RULES.dns1123Subdomain;
  name(problems, 'k8s-name-invalid', 'metadata.name', object.metadata?.name, rule, `Give the ${object.kind} a valid name`);
  if (object.metadata?.namespace !== undefined) {
    name(problems, 'k8s-namespace-invalid', 'metadata.namespace', object.metadata.namespace, NAME_RULES.dns1123Label,
      "Use a valid namespace in the chart's `namespace`");
  }
  metadata(problems, 'metadata', object.metadata ?? {});
  findSelectors(problems, object, '');
  const templatePath = POD_TEMPLATE_PATHS[object.kind];
  if (templatePath) {
    const template = templatePath.reduce<any>((at, key) => at?.[key], object);
    if (template) podTemplate(problems, templatePath.join('.'), template, object.kind === 'Deployment' ? (object.spec as Json).selector : undefined);
  }
  if (object.kind === 'Pod') podSpec(problems, 'spec', (object.spec ?? {}) as Json);
  if (object.kind === 'Service') servicePorts(problems, ((object.spec as Json | undefined)?.ports ?? []) as Json[]);
  return problems;
}

function name(problems: FieldProblem[], code: string, field: string, value: unknown, rule: NameRule, fix: string): void {
  const problem = nameProblem(rule, value);
  if (problem) problems.push({ field, code, problem, fix: `${fix}, e.g. '${suggestName(rule, String(value ?? ''))}'` });
}

function metadata(problems: FieldProblem[], at: string, meta: Json): void {
  labels(problems, `${at}.labels`, meta.labels);
  const annotations = (meta.annotations ?? {}) as Json;
  for (const [key, value] of Object.entries(annotations)) {
    // ValidateAnnotations checks the lower-cased key.
    const keyProblem = qualifiedKeyProblem(key.toLowerCase());
    if (keyProblem) problems.push({ code: 'k8s-annotation-key-invalid', field: `${at}.annotations`, problem: `annotation key ${keyProblem}`,
      fix: 'Use a key such as `example.com/my-note`' });
    if (typeof value !== 'string') problems.push({ code: 'k8s-annotation-value-not-a-string', field: `${at}.annotations['${key}']`,
      problem: 'an annotation value must be a string', fix: 'Write the value as a string, e.g. with JSON.stringify' });
  }
  const size = Object.entries(annotations).reduce((sum, [k, v]) => sum + Buffer.byteLength(k) + Buffer.byteLength(String(v)), 0);
  if (size > ANNOTATIONS_MAX_BYTES) {
    problems.push({ code: 'k8s-annotations-too-large', field: `${at}.annotations`,
      problem: `the annotations take ${size} bytes, more than Kubernetes' limit of ${ANNOTATIONS_MAX_BYTES} (256 KiB)`,
      fix: 'Keep large data in a ConfigMap and refer to it' });
  }
}

function labels(problems: FieldProblem[], at: string, value: unknown): void {
  for (const [key, labelValue] of Object.entries((value ?? {}) as Json)) {
    const keyProblem = qualifiedKeyProblem(key);
    if (keyProblem) problems.push({ code: 'k8s-label-key-invalid', field: at, problem: `label key ${keyProblem}`,
      fix: 'Use a key such as `app.kubernetes.io/name`' });
    const valueProblem = nameProblem(NAME_RULES.labelValue, labelValue);
    if (valueProblem) {
      problems.push({ code: 'k8s-label-value-invalid', field: `${at}['${key}']`, problem: `label value ${valueProblem}`,
        fix: `Use e.g. '${suggestName(NAME_RULES.dns1123Label, String(labelValue))}', or put free text in an annotation` });
    }
  }
}

// Label selectors anywhere in the object (Deployment and NetworkPolicy selectors, affinities, ...) follow the label rules.
function findSelectors(problems: FieldProblem[], value: unknown, at: string): void {
  if (value === null || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value as Json)) {
    const path = Array.isArray(value) ? `${at}[${key}]` : at ? `${at}.${key}` : key;
    if (key === 'matchLabels') labels(problems, path, child);
    else if (key !== 'metadata') findSelectors(problems, child, path);
  }
}

function podTemplate(problems: FieldProblem[], at: string, template: Json, selector: Json | undefined): void {
  metadata(problems, `${at}.metadata`, template.metadata ?? {});
  const podLabels = (template.metadata?.labels ?? {}) as Json;
  const unmatched = Object.entries((selector?.matchLabels ?? {}) as Json).filter(([k, v]) => podLabels[k] !== v);
  if (unmatched.length > 0) {
    problems.push({
      code: 'k8s-selector-mismatch', field: 'spec.selector',
      problem: `the selector (${unmatched.map(([k, v]) => `${k}=${v}`).join(', ')}) does not match the pod template's labels`,
      fix: "Give the pod template every label the selector names (the API server refuses a selector that does not match the template's labels)",
    });
  }
  podSpec(problems, `${at}.spec`, (template.spec ?? {}) as Json);
}

function podSpec(problems: FieldProblem[], at: string, spec: Json): void {
  const containers = [...((spec.initContainers ?? []) as Json[]).map((c, i) => ({ c, at: `${at}.initContainers[${i}]` })),
    ...((spec.containers ?? []) as Json[]).map((c, i) => ({ c, at: `${at}.containers[${i}]` }))];
  const containerNames = containers.map(({ c, at: path }) => ({ value: c.name, field: `${path}.name` }));
  unique(problems, 'k8s-container-name-duplicate', containerNames, 'container name', 'containers');
  const portNames = containers.flatMap(({ c, at: path }) => ((c.ports ?? []) as Json[]).map((p, i) => ({ value: p.name,
    field: `${path}.ports[${i}].name` })))
    .filter((p) => p.value !== undefined);
  unique(problems, 'k8s-container-port-name-duplicate', portNames, 'container port name', 'ports of the pod');
  for (const { c, at: path } of containers) container(problems, path, c);
  ((spec.volumes ?? []) as Json[]).forEach((v, i) => name(problems, 'k8s-volume-name-invalid', `${at}.volumes[${i}].name`, v.name,
    NAME_RULES.dns1123Label, 'Give the volume a valid name'));
  unique(problems, 'k8s-volume-name-duplicate', ((spec.volumes ?? []) as Json[]).map((v, i) => ({ value: v.name,
    field: `${at}.volumes[${i}].name` })), 'volume name', 'volumes');
}

function container(problems: FieldProblem[], at: string, c: Json): void {
  name(problems, 'k8s-container-name-invalid', `${at}.name`, c.name, NAME_RULES.dns1123Label, 'Give the container a valid name');
  const imageProblem = imageReferenceProblem(c.image);
  if (imageProblem) problems.push({ code: 'k8s-image-invalid', field: `${at}.image`, problem: imageProblem,
    fix: "Use a reference such as 'registry.example.com/team/app:1.2.3'" });
  for (const [field, values] of Object.entries(CONTAINER_ENUMS)) {
    if (c[field] !== undefined && !values.includes(c[field])) problems.push({ code: 'k8s-container-enum-invalid', field: `${at}.${field}`,
      problem: `${JSON.stringify(c[field])} is not one of ${values.join(', ')}`, fix: `Use one of ${values.join(', ')}` });
  }
  ((c.env ?? []) as Json[]).forEach((e, i) => name(problems, 'k8s-env-name-invalid', `${at}.env[${i}].name`, e.name, NAME_RULES.envVarName,
    'Rename the variable'));
  ((c.ports ?? []) as Json[]).forEach((p, i) => {
    if (p.name !== undefined) name(problems, 'k8s-container-port-name-invalid', `${at}.ports[${i}].name`, p.name, NAME_RULES.ianaPortName,
      'Use a short port name');
    portNumber(problems, `${at}.ports[${i}].containerPort`, p.containerPort);
    protocol(problems, `${at}.ports[${i}].protocol`, p.protocol);
  });
  resources(problems, `${at}.resources`, (c.resources ?? {}) as Json);
}

function resources(problems: FieldProblem[], at: string, r: Json): void {
  const values: Record<'requests' | 'limits', Record<string, number>> = { requests: {}, limits: {} };
  for (const kind of ['requests', 'limits'] as const) {
    for (const [resource, quantity] of Object.entries((r[kind] ?? {}) as Json)) {
      if (quantity === undefined) continue;
      const value = quantityValue(quantity);
      if (value === undefined) {
        problems.push({ code: 'k8s-quantity-invalid', field: `${at}.${kind}.${resource}`,
          problem: `${JSON.stringify(quantity)} is not a Kubernetes quantity`,
          fix: "Write it like '500m' (CPU) or '512Mi' (memory): a number and a suffix" });
      } else if (value < 0) {
        problems.push({ code: 'k8s-quantity-negative', field: `${at}.${kind}.${resource}`,
          problem: `${JSON.stringify(quantity)} is negative; resources must be 0 or more`, fix: 'Use a positive quantity' });
      } else {
        values[kind][resource] = value;
      }
    }
  }
  for (const [resource, request] of Object.entries(values.requests)) {
    const limit = values.limits[resource];
    if (limit !== undefined && request > limit) {
      problems.push({
        code: 'k8s-request-above-limit', field: `${at}.requests.${resource}`,
        problem: `the ${resource} request (${r.requests[resource]}) is above its limit (${r.limits[resource]}); Kubernetes requires request <= limit`,
        fix: `Lower the ${resource} request or raise its limit`,
      });
    }
  }
}

function servicePorts(problems: FieldProblem[], ports: Json[]): void {
  ports.forEach((p, i) => {
    const at = `spec.ports[${i}]`;
    if (p.name === undefined) {
      if (ports.length > 1) problems.push({ code: 'k8s-service-port-name-missing', field: `${at}.name`,
        problem: 'a Service with several ports must name each of them', fix: 'Name every port' });
    } else {
      name(problems, 'k8s-service-port-name-invalid', `${at}.name`, p.name, NAME_RULES.dns1123Label, 'Use a valid port name');
    }
    portNumber(problems, `${at}.port`, p.port);
    protocol(problems, `${at}.protocol`, p.protocol);
    if (typeof p.targetPort === 'string') name(problems, 'k8s-target-port-name-invalid', `${at}.targetPort`, p.targetPort, NAME_RULES.ianaPortName,
      'Name a container port that exists');
    else if (p.targetPort !== undefined) portNumber(problems, `${at}.targetPort`, p.targetPort);
  });
  unique(problems, 'k8s-service-port-name-duplicate', ports.map((p, i) => ({ value: p.name, field: `spec.ports[${i}].name` })).filter((p) =>
    p.value !== undefined), 'port name', 'ports of the Service');
}

function portNumber(problems: FieldProblem[], field: string, port: unknown): void {
  if (!Number.isInteger(port) || (port as number) < PORT_RANGE[0] || (port as number) > PORT_RANGE[1]) {
    problems.push({ code: 'k8s-port-invalid', field,
      problem: `${JSON.stringify(port)} is not a port number (a whole number from ${PORT_RANGE[0]} to ${PORT_RANGE[1]})`,
      fix: 'Use a port such as 8080' });
  }
}

function protocol(problems: FieldProblem[], field: string, value: unknown): void {
  if (value !== undefined && !PORT_PROTOCOLS.includes(value as string)) {
    problems.push({ code: 'k8s-protocol-invalid', field, problem: `${JSON.stringify(value)} is not one of ${PORT_PROTOCOLS.join(', ')}`,
      fix: 'Use TCP' });
  }
}

function unique(problems: FieldProblem[], code: string, items: { value: unknown; field: string }[], what: string, where: string): void {
  const seen = new Map<unknown, string>();
  for (const { value, field } of items) {
    const first = seen.get(value);
    if (first !== undefined) problems.push({ field, code,
      problem: `the ${what} '${String(value)}' is used twice among the ${where} (also at ${first})`, fix: `Give each a different ${what}` });
    else seen.set(value, field);
  }
}
