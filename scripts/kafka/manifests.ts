import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** The synthesized manifests' folder (the cdk8s output). */
export const DIST_DIR = join(__dirname, '..', '..', 'dist');

/** The label Strimzi's operators use to tie a KafkaTopic, KafkaUser or KafkaNodePool to its Kafka. */
export const CLUSTER_LABEL = 'strimzi.io/cluster';

/** A Kubernetes object as synthesized: only the fields every kind has are typed. */
export interface ManifestObject {
  readonly apiVersion?: unknown;
  readonly kind?: unknown;
  readonly metadata?: {
    readonly name?: unknown;
    readonly namespace?: unknown;
    readonly labels?: Readonly<Record<string, unknown>>;
  };
  readonly spec?: unknown;
}

/** One object and where it came from (a manifest file, or the name of an in-memory list). */
export interface SynthesizedObject {
  readonly object: ManifestObject;
  readonly source: string;
}

/**
 * The objects of a synthesized app: read from the `*.k8s.yaml` files cdk8s writes (dist/), or taken
 * from memory (e.g. `Testing.synth`), so that the local harness sets up Kafka as the manifests describe.
 */
export class SynthesizedManifests {
  /**
   * Reads every document of the `*.k8s.yaml` files in `dir`, in file order.
   * @throws if there are none, saying to synthesize first
   */
  public static fromDir(dir: string = DIST_DIR): SynthesizedManifests {
    const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.k8s.yaml')).sort() : [];
    if (files.length === 0) {
      throw new Error(`No synthesized manifests (*.k8s.yaml) in ${dir}: run 'npm run synth' first.`);
    }
    const objects = files.flatMap((file) => {
      const path = join(dir, file);
      const source = relative(process.cwd(), path);
      return parseAllDocuments(readFileSync(path, 'utf8'))
        .map((document) => document.toJS() as unknown)
        .filter(isObject)
        .map((object) => ({ object, source }));
    });
    return new SynthesizedManifests(objects, files.map((f) => join(dir, f)));
  }

  /** Objects already in memory, e.g. the result of `Testing.synth(chart)`; `source` names them in errors. */
  public static fromObjects(objects: readonly unknown[], source = 'the in-memory manifests'): SynthesizedManifests {
    return new SynthesizedManifests(objects.filter(isObject).map((object) => ({ object, source })), [source]);
  }

  private constructor(
    public readonly objects: readonly SynthesizedObject[],
    /** What was read (files or the in-memory list's name), for error messages. */
    public readonly sources: readonly string[],
  ) {}

  /** Every object of one kind. */
  public ofKind(kind: string): SynthesizedObject[] {
    return this.objects.filter((o) => o.object.kind === kind);
  }

  /** Objects of `kind` labelled for the Kafka cluster `clusterName` (KafkaTopic, KafkaUser, KafkaNodePool). */
  public ofCluster(kind: string, clusterName: string): SynthesizedObject[] {
    return this.ofKind(kind).filter((o) => o.object.metadata?.labels?.[CLUSTER_LABEL] === clusterName);
  }

  /**
   * The Kafka resource named `name`, or the only one when no name is given.
   * @throws if there is none, or several and no name
   */
  public kafka(name?: string): SynthesizedObject {
    const kafkas = this.ofKind('Kafka').filter((k) => name === undefined || k.object.metadata?.name === name);
    if (kafkas.length === 1) return kafkas[0];
    if (kafkas.length === 0) {
      throw new Error(`No Kafka resource${name === undefined ? '' : ` named '${name}'`} in ${this.sources.join(', ')}.`);
    }
    throw new Error(
      `Several Kafka resources in ${this.sources.join(', ')} (${kafkas.map((k) => String(k.object.metadata?.name)).join(', ')}): name the one to ` +
        `use.`,
    );
  }
}

function isObject(value: unknown): value is ManifestObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
