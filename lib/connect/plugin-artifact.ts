import {
  KafkaConnectSpecBuildPluginsArtifacts, KafkaConnectSpecBuildPluginsArtifactsType,
} from '../../imports/kafka.strimzi.io';
import { Subject } from '../base/subject';
import { CONNECT_RULES, ruleError } from './connect-rules';

/** Options of a plugin artifact downloaded from a URL. */
export interface DownloadedArtifactOptions {
  /**
   * SHA-512 checksum of the file (128 hex digits); Strimzi's build refuses a file that does not match it.
   * @default - not verified (Strimzi warns; set it for reproducible, tamper-evident builds)
   */
  readonly sha512sum?: string;
  /**
   * Whether to download over TLS without verifying the server's certificate.
   * @default false
   */
  readonly insecure?: boolean;
}

/** Coordinates of a Maven artifact, resolved with its runtime dependencies. */
export interface MavenArtifactOptions {
  /** groupId, e.g. `io.debezium`. */
  readonly group: string;
  /** artifactId, e.g. `debezium-connector-postgres`. */
  readonly artifact: string;
  /** version, e.g. `3.2.0.Final`. */
  readonly version: string;
  /**
   * Maven repository to resolve from.
   * @default - Maven Central
   */
  readonly repository?: string;
}

const URL_PATTERN = /^(https?|ftp):\/\/[-a-zA-Z0-9+&@#/%?=~_|!:,.;]*[-a-zA-Z0-9+&@#/%=~_|]$/;
const SHA512 = /^[0-9a-fA-F]{128}$/;
const MAVEN_PART = /^[A-Za-z0-9_.-]+$/;

/**
 * One file of a Connect plugin that Strimzi's build downloads into the image (`spec.build.plugins[].artifacts[]`).
 * Made by the static methods, so that each type has exactly the fields it needs.
 */
export class PluginArtifact {
  /** A Maven artifact and its runtime dependencies. */
  public static maven(options: MavenArtifactOptions): PluginArtifact {
    const subject = Subject.at('PluginArtifact', `${options.group}:${options.artifact}:${options.version}`, 'PluginArtifact.maven');
    for (const [field, value] of [['group', options.group], ['artifact', options.artifact], ['version', options.version]] as const) {
      if (typeof value !== 'string' || !MAVEN_PART.test(value)) {
        throw ruleError(subject, CONNECT_RULES.build, `${field} ${JSON.stringify(value)} is not a Maven coordinate part`,
          "Use letters, digits, '.', '_' and '-', e.g. group 'io.debezium'");
      }
    }
    if (options.repository !== undefined) checkUrl(subject, options.repository);
    return new PluginArtifact({
      type: KafkaConnectSpecBuildPluginsArtifactsType.MAVEN,
      group: options.group, artifact: options.artifact, version: options.version, repository: options.repository,
    });
  }

  /** A single jar file. */
  public static jar(url: string, options: DownloadedArtifactOptions = {}): PluginArtifact {
    return PluginArtifact.downloaded(KafkaConnectSpecBuildPluginsArtifactsType.JAR, url, options);
  }

  /** A `.tgz` archive, unpacked into the plugin's folder. */
  public static tgz(url: string, options: DownloadedArtifactOptions = {}): PluginArtifact {
    return PluginArtifact.downloaded(KafkaConnectSpecBuildPluginsArtifactsType.TGZ, url, options);
  }

  /** A `.zip` archive, unpacked into the plugin's folder. */
  public static zip(url: string, options: DownloadedArtifactOptions = {}): PluginArtifact {
    return PluginArtifact.downloaded(KafkaConnectSpecBuildPluginsArtifactsType.ZIP, url, options);
  }

  /** Any other file, stored as `fileName` (e.g. a native library or a config file). */
  public static other(url: string, fileName: string, options: DownloadedArtifactOptions = {}): PluginArtifact {
    if (typeof fileName !== 'string' || !/^[^/\\]+$/.test(fileName) || fileName === '.' || fileName === '..') {
      throw ruleError(Subject.at('PluginArtifact', url, 'PluginArtifact.other'), CONNECT_RULES.build,
        `fileName ${JSON.stringify(fileName)} is not a plain file name`, "Give a name without '/', e.g. 'libfoo.so'");
    }
    return PluginArtifact.downloaded(KafkaConnectSpecBuildPluginsArtifactsType.OTHER, url, options, fileName);
  }

  private static downloaded(type: KafkaConnectSpecBuildPluginsArtifactsType, url: string, options: DownloadedArtifactOptions,
    fileName?: string): PluginArtifact {
    const subject = Subject.at('PluginArtifact', String(url), `PluginArtifact.${type}`);
    checkUrl(subject, url);
    if (options.sha512sum !== undefined && !SHA512.test(options.sha512sum)) {
      throw ruleError(subject, CONNECT_RULES.build, 'sha512sum is not 128 hexadecimal digits', 'Use the output of `sha512sum <file>`');
    }
    return new PluginArtifact({ type, url, sha512Sum: options.sha512sum, insecure: options.insecure, fileName });
  }

  private constructor(private readonly spec: KafkaConnectSpecBuildPluginsArtifacts) {}

  /** `jar`, `tgz`, `zip`, `maven` or `other`. */
  public get type(): string {
    return this.spec.type;
  }

  /** Whether the file's checksum is verified by the build (Maven artifacts are verified by Maven). */
  public get verified(): boolean {
    return this.spec.type === KafkaConnectSpecBuildPluginsArtifactsType.MAVEN || this.spec.sha512Sum !== undefined;
  }

  /** The artifact in the CRD's form. */
  public render(): KafkaConnectSpecBuildPluginsArtifacts {
    return { ...this.spec };
  }
}

function checkUrl(subject: Subject, url: unknown): void {
  if (typeof url !== 'string' || !URL_PATTERN.test(url)) {
    throw ruleError(subject, CONNECT_RULES.build, `the URL ${JSON.stringify(url)} is not an http(s) or ftp URL the CRD accepts`,
      "Use e.g. 'https://repo1.maven.org/maven2/.../plugin.jar'");
  }
}
