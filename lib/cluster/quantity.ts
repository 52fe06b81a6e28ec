import { Size, SizeRoundingBehavior } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-27';
import { Subject } from '../base/subject';

/**
 * Sizes and CPU amounts in the forms Kubernetes and the JVM accept. Sizes must be whole mebibytes: that is what
 * every form below can state exactly, and nothing Kafka needs is finer.
 */

/** The size in whole mebibytes; throws naming `field` when it is not a positive whole number of them. */
export function wholeMebibytes(subject: Subject, field: string, size: Size): number {
  const mebibytes = size.toMebibytes({ rounding: SizeRoundingBehavior.NONE });
  if (!Number.isInteger(mebibytes) || mebibytes <= 0) {
    throw subject.error('size-not-whole-mebibytes', `${field} must be a positive whole number of mebibytes`,
      'Use e.g. Size.gibibytes(10) or Size.mebibytes(512)');
  }
  return mebibytes;
}

/** A Kubernetes quantity (`10Gi`, `512Mi`) for a size. */
export function memoryQuantity(subject: Subject, field: string, size: Size): string {
  const mebibytes = wholeMebibytes(subject, field, size);
  return mebibytes % 1024 === 0 ? `${mebibytes / 1024}Gi` : `${mebibytes}Mi`;
}

/** A JVM heap size (`2g`, `512m`), the form `-Xms`/`-Xmx` take. */
export function heapSize(subject: Subject, field: string, size: Size): string {
  const mebibytes = wholeMebibytes(subject, field, size);
  return mebibytes % 1024 === 0 ? `${mebibytes / 1024}g` : `${mebibytes}m`;
}

/** Millicores of a CPU amount (`Cpu.millis(500)` → 500, `Cpu.units(1.5)` → 1500); NaN when it is not a number. */
export function millicores(cpu: Cpu): number {
  return cpu.amount.endsWith('m') ? Number(cpu.amount.slice(0, -1)) : Number(cpu.amount) * 1000;
}
