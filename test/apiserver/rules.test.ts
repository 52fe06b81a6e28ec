import { NAME_RULES, NameRuleId } from '../../lib/rules/kubernetes-names';
import { CLUSTER_SCOPED_KINDS, KubeJson, kubernetesObjectProblems } from '../../lib/rules/kubernetes-objects';
import { dryRunCreate, Verdict } from './api-client';
import { servedKinds } from './apps';
import { ensureNamespace } from './kubectl';
import { NAME_PLACES, nameProbes, OTHER_PROBES, TEMPLATE_PROBES } from './probes';

jest.setTimeout(10 * 60_000);

const NAMESPACE = 'probes';

interface Probe {
  readonly place: string;
  readonly value: unknown;
  readonly object: KubeJson;
}

/** A probe on which the library's table and the API server disagree. */
interface Disagreement {
  readonly place: string;
  readonly value: unknown;
  readonly table: 'accepts' | 'refuses';
  readonly apiserver: string;
}

/**
 * Where the library is deliberately stricter than this API server, and why (listed in docs/rules.md, "Proven against
 * a real API server"). Each entry must still explain at least one probe, so the list cannot go stale.
 */
const STRICTER_ON_PURPOSE: readonly { places: readonly string[]; values: (value: any) => boolean; reason: string }[] = [
  {
    places: ['Service metadata.name'], values: (v: string) => /^[0-9]/.test(v),
    reason: 'Kubernetes 1.36+ accepts Service names that start with a digit (RelaxedServiceNameValidation); earlier clusters refuse them',
  },
  {
    places: ['Pod env name'], values: () => true,
    reason: "Kubernetes 1.32+ accepts any printable ASCII but '=' (RelaxedEnvironmentVariableValidation); earlier clusters refuse it",
  },
  {
    places: ['Service port name', 'Pod container port name', 'Service named targetPort', 'Service numeric targetPort', 'container port protocol'],
    values: (v: unknown) => v === '' || v === 0,
    reason: 'the API server reads the empty value as unset and drops or defaults it (targetPort becomes the port, protocol TCP): ' +
      'the object comes back different',
  },
  {
    places: ['container image'], values: () => true,
    reason: 'the API server does not parse image references; the kubelet fails the pod with InvalidImageName',
  },
  {
    places: ['cpu request (quantity)', 'memory limit (quantity)'], values: (v: unknown) => v === ' 1' || v === 'Mi',
    reason: "the API server trims whitespace and reads a bare suffix as 0, storing another value than the one written",
  },
  {
    places: ['duplicate names in a pod'], values: (v: unknown) => v === 'port',
    reason: "the API server wants port names unique per container only; a Service's named targetPort is looked up across the pod's containers, " +
      'so a name used twice is ambiguous',
  },
];

function allProbes(): Probe[] {
  const named = (Object.keys(NAME_PLACES) as NameRuleId[]).flatMap((rule) => NAME_PLACES[rule].flatMap(({ place, build }) =>
    nameProbes(NAME_RULES[rule]).map((value) => ({ place, value, object: build(value) }))));
  const others = [...OTHER_PROBES, TEMPLATE_PROBES as typeof OTHER_PROBES[number]].flatMap(({ place, values, build }) =>
    values.map((value) => ({ place, value, object: build(value) })));
  return [...named, ...others];
}

/** Asks the API server about every probe, a few at a time. */
async function verdicts(probes: Probe[]): Promise<Verdict[]> {
  const results: Verdict[] = new Array(probes.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < probes.length) {
      const i = next++;
      results[i] = await dryRunCreate(probes[i].object, NAMESPACE);
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return results;
}

describe("the Kubernetes rule tables (lib/rules/kubernetes-*.ts, quantity.ts) against the API server's verdicts", () => {
  const probes = allProbes();
  let answers: Verdict[];
  let disagreements: Disagreement[];

  beforeAll(async () => {
    // GIVEN accepted and refused probe values for every rule, each in an object otherwise valid
    ensureNamespace(NAMESPACE);
    // WHEN the library's check and the API server (a server-side dry run with strict field validation) judge each
    answers = await verdicts(probes);
    disagreements = probes.flatMap((probe, i) => {
      const tableAccepts = kubernetesObjectProblems(probe.object).length === 0;
      return tableAccepts === answers[i].accepted ? [] : [{
        place: probe.place, value: probe.value, table: tableAccepts ? 'accepts' : 'refuses',
        apiserver: answers[i].accepted ? 'accepts' : `refuses: ${answers[i].message}`,
      } as Disagreement];
    });
    const refused = answers.filter((a) => !a.accepted).length;
    process.stdout.write(`rule tables: ${probes.length} probes (${probes.length - refused} accepted, ${refused} refused by the API server), ` +
      `${disagreements.length} disagreements\n`);
  });

  test('every place is probed with values the API server accepts and values it refuses', () => {
    const places = [...new Set(probes.map((p) => p.place))];
    const oneSided = places.filter((place) => {
      const seen = new Set(probes.flatMap((p, i) => (p.place === place ? [answers[i].accepted] : [])));
      return seen.size < 2;
    });
    expect(oneSided).toEqual([]);
  });

  test('the table agrees with the API server on every probe, but where it is stricter on purpose', () => {
    const explained = (d: Disagreement) => STRICTER_ON_PURPOSE.some((s) => s.places.includes(d.place) && d.table === 'refuses' && s.values(d.value));
    expect(disagreements.filter((d) => !explained(d))).toEqual([]);
    // THEN each deliberate difference is still real (the API server accepts what the library refuses)
    const stale = STRICTER_ON_PURPOSE.flatMap((s) => s.places.filter((place) => !disagreements.some((d) => d.place === place && s.values(d.value))));
    expect(stale).toEqual([]);
  });

  test('CLUSTER_SCOPED_KINDS are exactly the listed built-in kinds the API server serves without a namespace', () => {
    const clusterScoped = new Set([...servedKinds()].filter(([, k]) => !k.namespaced).map(([key]) => key.split(' ')[1]));
    expect([...CLUSTER_SCOPED_KINDS].filter((kind) => !clusterScoped.has(kind))).toEqual([]);
  });
});
