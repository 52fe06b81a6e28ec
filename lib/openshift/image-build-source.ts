import { Subject } from '../base/subject';

/** Where an OpenShift Git build fetches its sources. */
export interface GitSourceOptions {
  /**
   * Repository URL: `https://`, `http://`, `ssh://` or scp-like `git@host:path`.
   */
  readonly uri: string;
  /**
   * Branch, tag or commit to build.
   * @default - the repository's default branch
   */
  readonly ref?: string;
  /**
   * Folder of the repository that is the build context (where `apps/Dockerfile` is found from).
   * @default - the repository's root
   */
  readonly contextDir?: string;
}

/** The `spec.source` (and start-up triggers) of a BuildConfig. */
export interface ImageBuildSourceConfig {
  readonly source: Record<string, unknown>;
  /** Binary builds only start when given their input; a Git build starts on its own when created or changed. */
  readonly triggers: Array<Record<string, unknown>>;
}

const GIT_URI = /^(?:(?:https?|ssh|git):\/\/[^\s/]+\/\S+|[\w.-]+@[\w.-]+:\S+)$/;
// git check-ref-format, in short: no spaces or control characters, none of ~^:?*[\ , no '..' or '@{',
// no part starting with '.', not ending with '/', '.' or '.lock'.
// eslint-disable-next-line no-control-regex -- the control characters git refuses are part of the rule
const GIT_REF = /^(?!.*(?:\.\.|@\{|\/\.|\/\/))(?!\.)(?!.*(?:\/|\.|\.lock)$)[^\s~^:?*[\\\x00-\x1f\x7f]+$/;
/** A path inside the build context: relative, and never climbing out of it with '..'. */
export const RELATIVE_PATH = /^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[\w./-]+$/;

/**
 * Where an {@link OpenShiftImageBuild} gets the repository to build. Binary by default: the sources are
 * uploaded from a clone by `oc start-build <name> --from-repo=.`, so no URL the cluster can reach is needed.
 */
export abstract class ImageBuildSource {
  /** Sources uploaded with each build (`oc start-build --from-repo=.` or `--from-dir=.`). */
  public static binary(): ImageBuildSource {
    return new BinarySource();
  }

  /** Sources cloned by the cluster from a Git repository it can reach. */
  public static git(options: GitSourceOptions): ImageBuildSource {
    return new GitSource(options);
  }

  /**
   * The BuildConfig fields for this source; `owner` is the build, named in error messages.
   * @internal
   */
  public abstract _bind(owner: Subject): ImageBuildSourceConfig;
}

class BinarySource extends ImageBuildSource {
  public _bind(): ImageBuildSourceConfig {
    return { source: { type: 'Binary', binary: {} }, triggers: [] };
  }
}

class GitSource extends ImageBuildSource {
  public constructor(private readonly options: GitSourceOptions) {
    super();
  }

  public _bind(owner: Subject): ImageBuildSourceConfig {
    const { uri, ref, contextDir } = this.options;
    if (!GIT_URI.test(uri)) {
      throw owner.error('git-uri-invalid', `git uri '${uri}' is not a repository URL the cluster can clone: it must be https://host/path, ` +
        'ssh://host/path or git@host:path', "Use e.g. 'https://github.com/example/strimzi-cdk8s.git'");
    }
    if (ref !== undefined && !GIT_REF.test(ref)) {
      throw owner.error('git-ref-invalid', `git ref '${ref}' is not a valid branch, tag or commit name (no spaces, '..', '~^:?*[\\', ` +
        "and no '/', '.' or '.lock' at its end)", "Use e.g. 'main' or 'v0.1.0'");
    }
    if (contextDir !== undefined && !RELATIVE_PATH.test(contextDir)) {
      throw owner.error('git-context-dir-invalid',
        `contextDir '${contextDir}' must be a relative folder inside the repository (no leading '/', no '..')`,
        "Use e.g. 'strimzi-cdk8s', or leave it out for the repository's root");
    }
    return {
      source: { type: 'Git', git: { uri, ...(ref !== undefined && { ref }) }, ...(contextDir !== undefined && { contextDir }) },
      triggers: [{ type: 'ConfigChange' }],
    };
  }
}
