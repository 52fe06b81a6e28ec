import { KafkaConnectSpecBuild, KafkaConnectSpecBuildOutput, KafkaConnectSpecBuildOutputType } from '../../imports/kafka.strimzi.io';
import { Subject } from '../base/subject';
import { imageReferenceProblem } from '../rules/image-reference';
import { CONNECT_RULES, ruleError } from './connect-rules';
import { PluginArtifact } from './plugin-artifact';

/** One connector plugin baked into the Connect image: a folder of its own under the plugin path. */
export interface ConnectPlugin {
  /** Name of the plugin's folder: lower-case letters, digits, '-' and '_', starting and ending with a letter or digit. */
  readonly name: string;
  /** The files of the plugin, at least one. */
  readonly artifacts: PluginArtifact[];
}

/** Options of a build pushed to a container registry. */
export interface RegistryOutputOptions {
  /**
   * Secret (of type `kubernetes.io/dockerconfigjson`) with the credentials to push.
   * @default - none: the registry accepts the push without credentials
   */
  readonly pushSecret?: string;
}

const IMAGE_STREAM_TAG = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?:[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
const PLUGIN_NAME = /^[a-z0-9][-_a-z0-9]*[a-z0-9]$/;

/** Where Strimzi's build puts the image it builds (`spec.build.output`). Made by the static methods. */
export class ConnectBuildOutput {
  /** An OpenShift ImageStreamTag, e.g. `my-connect:latest` (the ImageStream must exist). */
  public static imageStream(imageStreamTag: string): ConnectBuildOutput {
    if (typeof imageStreamTag !== 'string' || !IMAGE_STREAM_TAG.test(imageStreamTag)) {
      throw ruleError(Subject.at('ConnectBuildOutput', String(imageStreamTag), 'ConnectBuildOutput.imageStream'), CONNECT_RULES.build,
        `${JSON.stringify(imageStreamTag)} is not an ImageStreamTag '<imagestream>:<tag>'`, "Use e.g. 'my-connect:latest'");
    }
    return new ConnectBuildOutput(KafkaConnectSpecBuildOutputType.IMAGESTREAM, imageStreamTag);
  }

  /** An image in a container registry, e.g. `registry.example.com/team/connect:1.0`. */
  public static registry(image: string, options: RegistryOutputOptions = {}): ConnectBuildOutput {
    const problem = imageReferenceProblem(image);
    if (problem) {
      throw ruleError(Subject.at('ConnectBuildOutput', String(image), 'ConnectBuildOutput.registry'), CONNECT_RULES.build, problem,
        "Use a reference such as 'registry.example.com/team/connect:1.0'");
    }
    return new ConnectBuildOutput(KafkaConnectSpecBuildOutputType.DOCKER, image, options.pushSecret);
  }

  private constructor(
    private readonly type: KafkaConnectSpecBuildOutputType,
    /** The image or ImageStreamTag written. */
    public readonly image: string,
    private readonly pushSecret?: string,
  ) {}

  /** `spec.build.output` in the CRD's form. */
  public render(): KafkaConnectSpecBuildOutput {
    return { type: this.type, image: this.image, pushSecret: this.pushSecret };
  }
}

/** How Strimzi builds the Connect image with the connector plugins it needs (`spec.build`). */
export interface ConnectBuild {
  /** Where the built image goes. */
  readonly output: ConnectBuildOutput;
  /** The plugins, at least one, with unique names. */
  readonly plugins: ConnectPlugin[];
}

/** `spec.build` in the CRD's form, after Strimzi's rules on plugins. */
export function renderBuild(subject: Subject, build: ConnectBuild | undefined): KafkaConnectSpecBuild | undefined {
  if (build === undefined) return undefined;
  if (!(build.output instanceof ConnectBuildOutput)) {
    throw ruleError(subject, CONNECT_RULES.build, 'build.output is not a ConnectBuildOutput',
      "Use ConnectBuildOutput.registry('...') or ConnectBuildOutput.imageStream('...')");
  }
  const plugins = build.plugins ?? [];
  if (plugins.length === 0) {
    throw ruleError(subject, CONNECT_RULES.build, 'build has no plugins; Strimzi requires at least one', 'Add a plugin, or leave build out');
  }
  const names = new Set<string>();
  for (const plugin of plugins) {
    if (typeof plugin.name !== 'string' || !PLUGIN_NAME.test(plugin.name)) {
      throw ruleError(subject, CONNECT_RULES.build,
        `plugin name ${JSON.stringify(plugin.name)} must be lower-case letters, digits, '-' and '_', starting and ending with a letter or digit`,
        "Use e.g. 'debezium-postgres'");
    }
    if (names.has(plugin.name)) throw ruleError(subject, CONNECT_RULES.build, `two plugins are named '${plugin.name}'; each is a folder of its own`,
      'Give each plugin another name, or merge their artifacts');
    names.add(plugin.name);
    if (!plugin.artifacts?.length || !plugin.artifacts.every((a) => a instanceof PluginArtifact)) {
      throw ruleError(subject, CONNECT_RULES.build, `plugin '${plugin.name}' needs at least one artifact made by PluginArtifact`,
        "Use e.g. PluginArtifact.maven({ group: 'io.debezium', artifact: 'debezium-connector-postgres', version: '3.2.0.Final' })");
    }
  }
  return {
    output: build.output.render(),
    plugins: plugins.map((p) => ({ name: p.name, artifacts: p.artifacts.map((a) => a.render()) })),
  };
}
