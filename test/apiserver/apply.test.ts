import { APPS, AppUnderTest, Manifest, ServedKind, servedKinds, UNSERVABLE_KINDS } from './apps';
import { APPLY, ensureNamespace, kubectl, kubectlOk } from './kubectl';

// The scale app is ~1,800 objects, applied and diffed one request each on a shared machine.
jest.setTimeout(15 * 60_000);

const key = (m: { apiVersion: string; kind: string }): string => `${m.apiVersion} ${m.kind}`;
const id = (m: Manifest): string => `${m.kind}/${m.name}`;

/**
 * Fields the API server drops because they hold Go's zero value (`omitempty`): cdk8s-plus writes them. They change
 * no behaviour and `kubectl diff` ignores them; a tool comparing the YAML with the live object sees them missing.
 */
const ZERO_VALUES_DROPPED = ['Deployment spec.minReadySeconds', 'Deployment spec.template.spec.hostNetwork', 'Service spec.externalIPs'];

const isZero = (value: unknown): boolean => value === 0 || value === false || value === '' ||
  (Array.isArray(value) && value.length === 0) || (value !== null && typeof value === 'object' && Object.keys(value).length === 0);

/** Where `applied` and `live` differ in what `applied` states (fields the API server added are not differences). */
function differences(applied: unknown, live: unknown, at: string): string[] {
  if (Array.isArray(applied)) {
    if (!Array.isArray(live) || live.length !== applied.length) return [`${at}: applied ${JSON.stringify(applied)}, stored ${JSON.stringify(live)}`];
    return applied.flatMap((item, i) => differences(item, live[i], `${at}[${i}]`));
  }
  if (applied !== null && typeof applied === 'object') {
    if (live === null || typeof live !== 'object') return [`${at}: applied an object, stored ${JSON.stringify(live)}`];
    return Object.entries(applied).flatMap(([k, v]) => (k in live ? differences(v, (live as any)[k], `${at}.${k}`)
      : [`${at}.${k}: ${isZero(v) ? 'zero value' : 'dropped'}`]));
  }
  return applied === live ? [] : [`${at}: applied ${JSON.stringify(applied)}, stored ${JSON.stringify(live)}`];
}

describe.each(Object.entries(APPS))('%s on a real API server', (_title, load) => {
  let app: AppUnderTest;
  let served: Map<string, ServedKind>;
  let applied: Manifest[];
  let notApplied: Manifest[];

  /** The live objects of every applied kind in the app's namespace, by `<kind>/<name>`. */
  function live(): Map<string, any> {
    const resources = [...new Set(applied.map((m) => served.get(key(m))!.resource))];
    const items = JSON.parse(kubectlOk(['get', resources.join(','), '-n', app.namespace, '-o', 'json'])).items as any[];
    return new Map(items.map((o) => [`${o.kind}/${o.metadata.name}`, o]));
  }

  /** The served objects as one YAML stream, file by file in order: what `kubectl apply -f <dir>` reads. */
  function stream(): string {
    return applied.map((m) => m.text).join('\n---\n');
  }

  beforeAll(() => {
    // GIVEN the app synthesized, and an empty namespace for it on an API server with the Strimzi and Route CRDs
    app = load();
    served = servedKinds();
    const manifests = app.files.flatMap((f) => f.manifests);
    applied = manifests.filter((m) => served.has(key(m)));
    notApplied = manifests.filter((m) => !served.has(key(m)));
    for (const m of manifests) expect([undefined, app.namespace]).toContain(m.namespace);
    ensureNamespace(app.namespace);
    const kinds = 'all,kafkas.kafka.strimzi.io,kafkatopics.kafka.strimzi.io,kafkausers.kafka.strimzi.io';
    expect(kubectlOk(['get', kinds, '-n', app.namespace, '-o', 'name'])).toBe('');
  });

  test('every object is accepted with server-side apply and strict field validation, in file order', () => {
    // WHEN applied as the README tells users
    const output = kubectlOk([...APPLY, '-n', app.namespace, '-f', '-'], stream());
    // THEN each object was created, and the API server now holds exactly these objects
    expect(output.trim().split('\n')).toHaveLength(applied.length);
    expect([...live().keys()].sort()).toEqual(applied.map(id).sort());
    process.stdout.write(`${app.name}: ${applied.length} of ${applied.length + notApplied.length} synthesized objects applied for real\n`);
  });

  test('objects of kinds this API server cannot serve are listed with the reason, and nothing else is left out', () => {
    // THEN the only objects not applied are of OpenShift's own API groups
    for (const m of notApplied) expect(UNSERVABLE_KINDS).toHaveProperty([key(m)]);
    const listed = notApplied.map((m) =>
      `${id(m)} (${m.apiVersion}): ${UNSERVABLE_KINDS[key(m)]}; checked against fabric8's OpenShift model instead`);
    if (listed.length > 0) process.stdout.write(`${app.name}: not applied:\n  ${listed.join('\n  ')}\n`);
    expect(notApplied.map(id)).toEqual(app.name === 'seed'
      ? ['ImageStream/data-producer', 'BuildConfig/data-producer', 'ImageStream/data-consumer', 'BuildConfig/data-consumer']
      : []);
  });

  test('every object comes back as it was applied: nothing pruned, rewritten or normalized', () => {
    const stored = live();
    const changed = applied.flatMap((m) => differences(m.json, stored.get(id(m)), `${id(m)}#`));
    // THEN every field the app sets is stored with the same value (the API server only adds defaults) ...
    expect(changed.filter((d) => !d.endsWith(': zero value'))).toEqual([]);
    // ... but the zero values cdk8s-plus writes and the API server omits (listed in docs/apiserver.md)
    expect([...new Set(changed.map((d) => d.replace(/^(\w+)\/.*?#\./, '$1 ').replace(/: zero value$/, '')))].sort()).toEqual(
      ZERO_VALUES_DROPPED.filter((field) => applied.some((m) => m.kind === field.split(' ')[0])).sort());
  });

  test('a second apply changes nothing, and kubectl diff is empty', () => {
    const versions = (): Record<string, string> => Object.fromEntries([...live()].map(([k, o]) => [k, o.metadata.resourceVersion]));
    const before = versions();
    // WHEN applied a second time
    kubectlOk([...APPLY, '-n', app.namespace, '-f', '-'], stream());
    // THEN no object got a new resourceVersion (nothing was written), and kubectl diff finds nothing to change
    expect(versions()).toEqual(before);
    const diff = kubectl(['diff', '--server-side', '--field-manager=strimzi-cdk8s', '-n', app.namespace, '-f', '-'], stream());
    process.stdout.write(`${app.name}: kubectl diff after re-apply: ${diff.stdout === '' ? 0 : diff.stdout.trimEnd().split('\n').length} lines\n`);
    expect(diff.stdout).toBe('');
    // kubectl diff exits 0 without differences, 1 with, above 1 on an error
    expect({ status: diff.status, stderr: diff.stderr }).toEqual({ status: 0, stderr: '' });
  });
});
