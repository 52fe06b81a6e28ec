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
  public static readonly SUPPORTED: readonly KafkaVersion[] = [
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
    if (!found) {
      const supported = KafkaVersion.SUPPORTED.map((v) => v.version).join(', ');
      throw new Error(
        `Kafka version '${version}' is not supported by Strimzi 1.2.0: use one of ${supported} ` +
          `(e.g. KafkaVersion.V4_3_1).`,
      );
    }
    return found;
  }

  private constructor(
    /** The Kafka release, e.g. `4.3.1`. */
    public readonly version: string,
    /** The KRaft metadata version (`spec.kafka.metadataVersion`), e.g. `4.3-IV0`. */
    public readonly metadataVersion: string,
  ) {}
}
