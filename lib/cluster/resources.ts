import { Size } from 'cdk8s';
import { ContainerResources, Cpu } from 'cdk8s-plus-27';
import { Subject } from '../base/subject';
import { memoryQuantity, millicores, wholeMebibytes } from './quantity';

/**
 * CPU and memory of a Strimzi component's containers, typed as cdk8s-plus's `ContainerResources` (Cpu.millis(500),
 * Size.gibibytes(4)) so they read like every other container in a cdk8s app.
 */
export type { ContainerResources };

/** The generated classes of each `resources` path differ only in name; each is made from a quantity string. */
interface QuantityFactories<R, L> {
  readonly request: (quantity: string) => R;
  readonly limit: (quantity: string) => L;
}

/**
 * Renders resources in the CRD's form, checking the rules Strimzi applies (`ModelUtils.validateComputeResources`):
 * every amount above zero and no request above its limit.
 */
export function renderResources<R, L>(
  subject: Subject,
  resources: ContainerResources | undefined,
  factories: QuantityFactories<R, L>,
): { requests?: Record<string, R>; limits?: Record<string, L> } | undefined {
  if (!resources) return undefined;
  const requests: Record<string, R> = {};
  const limits: Record<string, L> = {};
  const cpu = resources.cpu;
  if (cpu) {
    checkCpu(subject, 'request', cpu.request);
    checkCpu(subject, 'limit', cpu.limit);
    if (cpu.request && cpu.limit && millicores(cpu.request) > millicores(cpu.limit)) {
      throw subject.error('cpu-request-above-limit',
        `its CPU request (${cpu.request.amount}) is above its CPU limit (${cpu.limit.amount}); a request may not exceed its limit`,
        'Lower the request or raise the limit');
    }
    if (cpu.request) requests.cpu = factories.request(cpu.request.amount);
    if (cpu.limit) limits.cpu = factories.limit(cpu.limit.amount);
  }
  for (const [key, amounts] of [['memory', resources.memory], ['ephemeral-storage', resources.ephemeralStorage]] as const) {
    if (!amounts) continue;
    const { request, limit } = amounts as { request?: Size; limit?: Size };
    if (request) requests[key] = factories.request(memoryQuantity(subject, `the ${key} request`, request));
    if (limit) limits[key] = factories.limit(memoryQuantity(subject, `the ${key} limit`, limit));
    if (request && limit && wholeMebibytes(subject, key, request) > wholeMebibytes(subject, key, limit)) {
      throw subject.error('resource-request-above-limit', `its ${key} request is above its ${key} limit; a request may not exceed its limit`,
        'Lower the request or raise the limit');
    }
  }
  return {
    requests: Object.keys(requests).length > 0 ? requests : undefined,
    limits: Object.keys(limits).length > 0 ? limits : undefined,
  };
}

function checkCpu(subject: Subject, kind: string, cpu: Cpu | undefined): void {
  if (cpu && !(millicores(cpu) > 0)) {
    throw subject.error('cpu-not-positive', `its CPU ${kind} is ${cpu.amount}; CPU amounts must be above zero`,
      'Use e.g. Cpu.millis(500) or Cpu.units(1), or leave it out');
  }
}
