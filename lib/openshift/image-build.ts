import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { Subject } from '../base/subject';
import { NAME_RULES, nameProblem, suggestName } from '../rules/kubernetes-names';
import { ImageBuildSource, RELATIVE_PATH } from './image-build-source';

export interface OpenShiftImageBuildProps {
  /**
   * Name of the ImageStream and the BuildConfig (`oc start-build <name>`), usually the Deployment's name.
   */
  readonly name: string;
  /**
   * Which service of `apps/` the image runs: the Dockerfile's `SERVICE` build argument.
   */
  readonly service: string;
  /**
   * Tag the build writes, which the Deployment's image trigger watches.
   * @default 'latest'
   */
  readonly tag?: string;
  /**
   * Where the build gets the repository.
   * @default ImageBuildSource.binary() - uploaded by `oc start-build <name> --from-repo=.`
   */
  readonly source?: ImageBuildSource;
  /**
   * Dockerfile, relative to the build context (the repository's root or the git source's `contextDir`).
   * @default 'apps/Dockerfile'
   */
  readonly dockerfilePath?: string;
  /**
   * More build arguments, e.g. `{ BASE_IMAGE: 'registry.example.com/node:24' }`. `SERVICE` comes from `service`.
   * @default - none
   */
  readonly buildArgs?: Record<string, string>;
  /**
   * Labels of the ImageStream and the BuildConfig.
   * @default - none
   */
  readonly labels?: Record<string, string>;
}

const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const SERVICE = /^[a-z][a-z0-9-]*$/;
const BUILD_ARG = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * OpenShift builds a service's image itself: an ImageStream (resolvable by its short name from pods in the
 * namespace) and a BuildConfig that runs `apps/Dockerfile` with the service's build argument and pushes to
 * the ImageStreamTag a Deployment's `image.openshift.io/triggers` annotation watches, so every finished
 * build rolls the Deployment out.
 */
export class OpenShiftImageBuild extends Construct {
  /** The ImageStreamTag the build writes, e.g. `data-producer:latest`: the Deployment's trigger watches it. */
  public readonly imageStreamTag: string;
  /**
   * The image a Deployment in the same namespace uses: the ImageStreamTag's short name, which OpenShift
   * resolves to the internal registry (the ImageStream's lookup policy is local).
   */
  public readonly image: string;
  /** The ImageStream. */
  public readonly imageStream: ApiObject;
  /** The BuildConfig. */
  public readonly buildConfig: ApiObject;

  constructor(scope: Construct, id: string, props: OpenShiftImageBuildProps) {
    super(scope, id);
    const owner = Subject.of(this, 'OpenShiftImageBuild', String(props.name));
    // The name is the ImageStream's, whose tags are `<name>:<tag>` references: a DNS-1035 label like a Service's.
    const nameError = nameProblem(NAME_RULES.dns1035Label, props.name);
    if (nameError) throw owner.error('build-name-invalid', `the name ${nameError}`,
      `Use e.g. '${suggestName(NAME_RULES.dns1035Label, String(props.name))}'`);
    const tag = props.tag ?? 'latest';
    if (!TAG.test(tag)) {
      throw owner.error('build-tag-invalid', `tag '${tag}' must be 1 to 128 of letters, digits, '_', '.' and '-', not starting with '.' or '-'`,
        "Use e.g. 'latest' or '0.1.0'");
    }
    if (!SERVICE.test(props.service)) {
      throw owner.error('build-service-invalid', `service '${props.service}' must name a folder of apps/ with a main.ts`,
        "Use 'producer' or 'consumer'");
    }
    const dockerfilePath = props.dockerfilePath ?? 'apps/Dockerfile';
    if (!RELATIVE_PATH.test(dockerfilePath)) {
      throw owner.error('build-dockerfile-path-invalid', `dockerfilePath '${dockerfilePath}' must be relative to the build context, without '..'`,
        "Use e.g. 'apps/Dockerfile'");
    }
    for (const name of Object.keys(props.buildArgs ?? {})) {
      if (name === 'SERVICE') {
        throw owner.error('build-arg-service-reserved', "build argument 'SERVICE' comes from the 'service' property", "Remove it from 'buildArgs'");
      }
      if (!BUILD_ARG.test(name)) {
        throw owner.error('build-arg-name-invalid', `build argument '${name}' must be a name of letters, digits and '_', not starting with a digit`,
          "Use e.g. 'BASE_IMAGE'");
      }
    }
    const { source, triggers } = (props.source ?? ImageBuildSource.binary())._bind(owner);

    this.imageStreamTag = `${props.name}:${tag}`;
    this.image = this.imageStreamTag;
    const metadata = { name: props.name, ...(props.labels && { labels: props.labels }) };

    this.imageStream = new ApiObject(this, 'ImageStream', {
      apiVersion: 'image.openshift.io/v1',
      kind: 'ImageStream',
      metadata,
      spec: { lookupPolicy: { local: true } },
    });
    this.buildConfig = new ApiObject(this, 'BuildConfig', {
      apiVersion: 'build.openshift.io/v1',
      kind: 'BuildConfig',
      metadata,
      spec: {
        source,
        strategy: {
          type: 'Docker',
          dockerStrategy: {
            dockerfilePath,
            buildArgs: Object.entries({ ...props.buildArgs, SERVICE: props.service }).map(([name, value]) => ({ name, value })),
          },
        },
        output: { to: { kind: 'ImageStreamTag', name: this.imageStreamTag } },
        triggers,
      },
    });
  }
}
