/** One field that differs between two versions of an object. */
export interface FieldChange {
  /** Where, e.g. `spec.partitions`, `spec.kafka.listeners[tls].port`, `spec.storage.volumes[id=0].size`. */
  readonly path: string;
  /** The value before, or undefined when the field is new. */
  readonly before?: unknown;
  /** The value after, or undefined when the field is gone. */
  readonly after?: unknown;
}

/**
 * The fields that differ between `before` and `after`, deepest first-differing level only. Lists whose items all
 * carry a `name` (containers, env, listeners) or an `id` (JBOD volumes) are compared item by item under that key,
 * so that inserting one item does not show every later item as changed.
 */
export function fieldChanges(before: unknown, after: unknown, at = ''): FieldChange[] {
  if (before === after) return [];
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((key) => fieldChanges(before[key], after[key], at ? `${at}.${key}` : key));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const key = itemKey(before) && itemKey(before) === itemKey(after) ? itemKey(before)! : undefined;
    if (key === undefined) {
      const length = Math.max(before.length, after.length);
      return Array.from({ length }, (_, i) => fieldChanges(before[i], after[i], `${at}[${i}]`)).flat();
    }
    const label = (item: Record<string, unknown>) => (key === 'name' ? `${at}[${String(item.name)}]` : `${at}[${key}=${String(item[key])}]`);
    const byKey = (items: unknown[]) => new Map(items.map((item) => [String((item as Record<string, unknown>)[key]), item as Record<string,
      unknown>]));
    const old = byKey(before);
    const now = byKey(after);
    return [...new Set([...old.keys(), ...now.keys()])]
      .flatMap((k) => fieldChanges(old.get(k), now.get(k), label((old.get(k) ?? now.get(k))!)));
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [{ path: at, before, after }];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The key that identifies every item of a list, if there is one. */
function itemKey(items: unknown[]): 'name' | 'id' | undefined {
  if (items.length === 0 || !items.every(isRecord)) return undefined;
  for (const key of ['name', 'id'] as const) {
    const values = items.map((item) => (item as Record<string, unknown>)[key]);
    if (values.every((v) => v !== undefined) && new Set(values).size === values.length) return key;
  }
  return undefined;
}
