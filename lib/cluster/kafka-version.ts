import { Subject } from '../base/subject';

/**
 * An Apache Kafka version supported by Strimzi 1.2.0, with the KRaft metadata version it runs at.
 *
 * Versions are constants rather than free strings so that an unsupported version cannot reach a
 * cluster: Strimzi would reject it only at reconcile time, long after `oc apply` succeeded.
 */
export class KafkaVersion {
  /** Kafka 4.2.0 (metadata 4.2-IV1). */
  public static readonly V4_2_0 = new KafkaVersion('4.2.0', '4.2-IV1');
  /** Kafka 4.2.1 (metadata 4.2-IV1). */
  public static readonly V4_2_1 = new KafkaVersion('4.2.1', '4.2-IV1');
  /** Kafka 4.3.0 (metadata 4.3-IV0). */
  public static readonly V4_3_0 = new KafkaVersion('4.3.0', '4.3-IV0');
  /** Kafka 4.3.1 (metadata 4.3-IV0): Strimzi 1.2.0's default. */
  public static readonly V4_3_1 = new KafkaVersion('4.3.1', '4.3-IV0');

  /** The version a cluster gets when none is given; the local broker harness runs it too. */
  public static readonly DEFAULT = KafkaVersion.V4_3_1;

  /** Every version Strimzi 1.2.0 supports, oldest first. */
  public static readonly SUPPORTED: KafkaVersion[] = [
    KafkaVersion.V4_2_0,
    KafkaVersion.V4_2_1,
    KafkaVersion.V4_3_0,
    KafkaVersion.V4_3_1,
  ];

  /**
   * Looks a version up by its number, e.g. `KafkaVersion.of('4.3.1')`.
   *
   * @throws if Strimzi 1.2.0 does not support that version.
   */
  public static of(version: string): KafkaVersion {
    const found = KafkaVersion.SUPPORTED.find((v) => v.version === version);
    if (!found) throw KafkaVersion.unsupported(Subject.at('KafkaVersion', String(version), 'KafkaVersion.of'), version);
    return found;
  }

  /**
   * The supported version `value` stands for, checked at run time: a cast such as `{ version: '9.9.9' } as
   * KafkaVersion` gets past the compiler, not past this.
   * @throws naming `subject` when Strimzi 1.2.0 supports no such version (or it pairs another metadata version)
   * @internal
   */
  public static _check(subject: Subject, value: unknown): KafkaVersion {
    if (typeof value !== 'object' || value === null) {
      throw subject.error('kafka-version-invalid', `version is ${JSON.stringify(value)}, not a KafkaVersion`,
        "Use a KafkaVersion constant, e.g. KafkaVersion.V4_3_1, or KafkaVersion.of('4.3.1')");
    }
    const candidate = value as Partial<KafkaVersion>;
    const found = KafkaVersion.SUPPORTED.find((v) => v === value ||
      (v.version === candidate.version && v.metadataVersion === candidate.metadataVersion));
    if (!found) throw KafkaVersion.unsupported(subject, candidate.version, candidate.metadataVersion);
    return found;
  }

  private static unsupported(subject: Subject, version: unknown, metadataVersion?: unknown): Error {
    const supported = KafkaVersion.SUPPORTED.map((v) => `${v.version} (metadata ${v.metadataVersion})`).join(', ');
    const known = KafkaVersion.SUPPORTED.find((v) => v.version === version);
    return subject.error(
      known ? 'kafka-metadata-version-mismatch' : 'kafka-version-unsupported', known
        ? `Kafka ${version} runs metadata version ${known.metadataVersion}, not ${JSON.stringify(metadataVersion)}`
        : `Kafka version ${JSON.stringify(version)} is not supported by Strimzi 1.2.0, which supports ${supported}`,
      'Use one of the KafkaVersion constants, e.g. KafkaVersion.V4_3_1, or KafkaVersion.of(\'4.3.1\')',
    );
  }

  private constructor(
    /** The Kafka release, e.g. `4.3.1`. */
    public readonly version: string,
    /** The KRaft metadata version (`spec.kafka.metadataVersion`), e.g. `4.3-IV0`. */
    public readonly metadataVersion: string,
  ) {}
}
