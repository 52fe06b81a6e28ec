import { execFileSync } from 'node:child_process';

/** Runs buildah (with the store's driver from STORAGE_DRIVER, as scripts/images/env.sh does) and returns its stdout. */
export function buildah(...args: string[]): string {
  const driver = process.env.STORAGE_DRIVER ? ['--storage-driver', process.env.STORAGE_DRIVER] : [];
  return execFileSync('buildah', [...driver, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** The parts of an OCI image configuration that say how a container of the image runs. */
export interface ImageRunConfig {
  readonly User?: string;
  readonly Env?: string[];
  readonly Entrypoint?: string[] | null;
  readonly Cmd?: string[] | null;
  readonly WorkingDir?: string;
}

/** The run configuration of a local image, as a container runtime would read it. */
export function imageRunConfig(image: string): ImageRunConfig {
  const inspected = JSON.parse(buildah('inspect', '--type', 'image', image)) as { OCIv1: { config: ImageRunConfig } };
  return inspected.OCIv1.config;
}

