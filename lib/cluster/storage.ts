import { Size } from 'cdk8s';
import {
  KafkaNodePoolSpecStorage,
  KafkaNodePoolSpecStorageType,
  KafkaNodePoolSpecStorageVolumes,
  KafkaNodePoolSpecStorageVolumesKraftMetadata,
  KafkaNodePoolSpecStorageVolumesType,
} from '../../imports/kafka.strimzi.io';
import { Subject } from '../base/subject';
import { checkPersistentVolume } from '../rules/cluster-rules';
import { memoryQuantity } from './quantity';

/** Persistent storage of every node: one JBOD volume on a PersistentVolumeClaim, holding the KRaft metadata too. */
export interface KafkaStorage {
  /**
   * Size of each node's volume.
   * @default Size.gibibytes(10) (production profile: 100Gi per broker, 20Gi per controller; the fields set here
   *   replace only those fields of the profile's storage)
   */
  readonly size?: Size;
  /**
   * Whether the claims are deleted with the cluster. `false` keeps the data when the Kafka resource is deleted.
   * @default false
   */
  readonly deleteClaim?: boolean;
  /**
   * StorageClass of the claims.
   * @default - the cluster's default StorageClass
   */
  readonly storageClass?: string;
}

/** A volume on a PersistentVolumeClaim (`type: persistent-claim`). */
export interface PersistentClaimOptions {
  /** Size of the claim; Strimzi requires it. */
  readonly size: Size;
  /**
   * Whether the claim is deleted with the cluster. `false` keeps the data when the Kafka resource is deleted.
   * @default false
   */
  readonly deleteClaim?: boolean;
  /**
   * StorageClass of the claim.
   * @default - the cluster's default StorageClass
   */
  readonly storageClass?: string;
  /**
   * Labels a PersistentVolume must carry to be bound (`selector`).
   * @default - any volume of the StorageClass
   */
  readonly selector?: Record<string, string>;
  /**
   * VolumeAttributesClass of the claim.
   * @default - none
   */
  readonly volumeAttributesClass?: string;
}

/** A volume that lives as long as its pod (`type: ephemeral`, an emptyDir). */
export interface EphemeralOptions {
  /**
   * Most the emptyDir may hold before the pod is evicted.
   * @default - no limit
   */
  readonly sizeLimit?: Size;
}

/** Where a JBOD volume sits in the pool's list and whether it holds the KRaft metadata log. */
export interface JbodVolumeOptions {
  /**
   * Volume id; Strimzi names the claim `data-<id>-<pod>`, so keep ids stable when adopting a pool.
   * @default - the volume's position in the list (0, 1, ...)
   */
  readonly id?: number;
  /**
   * Whether this volume holds the KRaft metadata log (`kraftMetadata: shared`). At most one volume may.
   * @default - the first volume, when no volume says so
   */
  readonly kraftMetadata?: boolean;
}

/** A JBOD volume on a PersistentVolumeClaim. */
export interface JbodPersistentClaimOptions extends PersistentClaimOptions, JbodVolumeOptions {}

/** An ephemeral JBOD volume. */
export interface JbodEphemeralOptions extends EphemeralOptions, JbodVolumeOptions {}

/** Everything a volume may have been made with. */
interface VolumeOptions extends Partial<PersistentClaimOptions>, EphemeralOptions, JbodVolumeOptions {}

/** One volume of a JBOD storage. */
export class KafkaVolume {
  /** A volume on a PersistentVolumeClaim. */
  public static persistentClaim(options: JbodPersistentClaimOptions): KafkaVolume {
    return new KafkaVolume(KafkaNodePoolSpecStorageVolumesType.PERSISTENT_HYPHEN_CLAIM, options);
  }

  /** A volume that lives as long as its pod: its data is lost whenever the pod is restarted or moved. */
  public static ephemeral(options: JbodEphemeralOptions = {}): KafkaVolume {
    return new KafkaVolume(KafkaNodePoolSpecStorageVolumesType.EPHEMERAL, options);
  }

  /** @internal `persistent-claim` or `ephemeral`. */
  public readonly _type: KafkaNodePoolSpecStorageVolumesType;
  /** @internal What the volume was made with. */
  public readonly _options: VolumeOptions;

  private constructor(type: KafkaNodePoolSpecStorageVolumesType, options: VolumeOptions) {
    this._type = type;
    this._options = options;
  }

  /** Whether the volume loses its data with its pod. */
  public get isEphemeral(): boolean {
    return this._type === KafkaNodePoolSpecStorageVolumesType.EPHEMERAL;
  }
}

/**
 * The storage of a node pool (`KafkaNodePool.spec.storage`, which Strimzi does not let you change type later).
 * JBOD is Strimzi's form for KRaft clusters (its examples all use it); the single-volume forms are there to adopt
 * pools that were created with them.
 */
export class NodePoolStorage {
  /** One or more volumes (`type: jbod`); one of them holds the KRaft metadata log. */
  public static jbod(...volumes: KafkaVolume[]): NodePoolStorage {
    return new NodePoolStorage(KafkaNodePoolSpecStorageType.JBOD, volumes);
  }

  /** A single volume on a PersistentVolumeClaim (`type: persistent-claim`, not JBOD). */
  public static persistentClaim(options: PersistentClaimOptions): NodePoolStorage {
    return new NodePoolStorage(KafkaNodePoolSpecStorageType.PERSISTENT_HYPHEN_CLAIM, [KafkaVolume.persistentClaim(options)]);
  }

  /** A single ephemeral volume (`type: ephemeral`, not JBOD): every restart loses the node's data. */
  public static ephemeral(options: EphemeralOptions = {}): NodePoolStorage {
    return new NodePoolStorage(KafkaNodePoolSpecStorageType.EPHEMERAL, [KafkaVolume.ephemeral(options)]);
  }

  /** The easy path's storage: one persistent JBOD volume holding the KRaft metadata. */
  public static fromKafkaStorage(storage: KafkaStorage = {}): NodePoolStorage {
    return NodePoolStorage.jbod(KafkaVolume.persistentClaim({ ...storage, size: storage.size ?? Size.gibibytes(10) }));
  }

  /** @internal `jbod`, `persistent-claim` or `ephemeral`. */
  public readonly _type: KafkaNodePoolSpecStorageType;
  /** The volumes, in order. */
  public readonly volumes: KafkaVolume[];

  private constructor(type: KafkaNodePoolSpecStorageType, volumes: KafkaVolume[]) {
    this._type = type;
    this.volumes = volumes;
  }

  /** Whether any volume of the storage loses its data with its pod. */
  public get isEphemeral(): boolean {
    return this.volumes.some((v) => v.isEphemeral);
  }

  /**
   * The storage in the CRD's form; throws for broken rules.
   * @internal
   */
  public _render(subject: Subject): KafkaNodePoolSpecStorage {
    if (this._type !== KafkaNodePoolSpecStorageType.JBOD) {
      return { ...renderVolume(subject, 'storage', this.volumes[0]), type: this._type };
    }
    if (this.volumes.length === 0) {
      throw subject.error('jbod-no-volume', 'JBOD storage has no volume; Strimzi needs at least one',
        'Pass one or more volumes to NodePoolStorage.jbod(...)');
    }
    const ids = this.volumes.map((v, i) => v._options.id ?? i);
    for (const id of ids) {
      if (!Number.isInteger(id) || id < 0) {
        throw subject.error('jbod-volume-id-invalid', `JBOD volume id ${id} is invalid; ids are whole numbers from 0`, 'Use e.g. id: 0');
      }
      if (ids.indexOf(id) !== ids.lastIndexOf(id)) {
        // Strimzi's StorageDiff refuses duplicate ids: the claims are named after them.
        throw subject.error('jbod-volume-id-duplicate', `two JBOD volumes have id ${id}; each volume needs its own id`,
          'Give each volume a different id, or leave ids out to number them by position');
      }
    }
    const marked = this.volumes.filter((v) => v._options.kraftMetadata);
    if (marked.length > 1) {
      throw subject.error(
        'jbod-kraft-metadata-twice', `${marked.length} JBOD volumes are marked kraftMetadata; only one volume can store the KRaft metadata log`,
        'Set kraftMetadata on one volume only',
      );
    }
    const metadataVolume = marked[0] ?? this.volumes[0];
    return {
      type: KafkaNodePoolSpecStorageType.JBOD,
      volumes: this.volumes.map((v, i): KafkaNodePoolSpecStorageVolumes => ({
        id: ids[i],
        ...renderVolume(subject, `JBOD volume ${ids[i]}`, v),
        kraftMetadata: v === metadataVolume ? KafkaNodePoolSpecStorageVolumesKraftMetadata.SHARED : undefined,
      })),
    };
  }
}

/** The fields of one volume, shared by JBOD volumes and single-volume storage (their types differ only in name). */
function renderVolume(subject: Subject, what: string, volume: KafkaVolume) {
  const o = volume._options;
  if (volume.isEphemeral) {
    return {
      type: KafkaNodePoolSpecStorageVolumesType.EPHEMERAL,
      sizeLimit: o.sizeLimit && memoryQuantity(subject, `the ${what} sizeLimit`, o.sizeLimit),
    };
  }
  checkPersistentVolume(subject, what, o);
  if (!o.size) {
    // Unreachable from TypeScript; a JavaScript caller or a cast could still leave it out.
    throw subject.error('volume-size-missing', `the ${what} has no size, which a persistent-claim volume requires`,
      'Set size, e.g. Size.gibibytes(100)');
  }
  return {
    type: KafkaNodePoolSpecStorageVolumesType.PERSISTENT_HYPHEN_CLAIM,
    size: memoryQuantity(subject, `the ${what} size`, o.size),
    deleteClaim: o.deleteClaim ?? false,
    class: o.storageClass,
    selector: o.selector,
    volumeAttributesClass: o.volumeAttributesClass,
  };
}
