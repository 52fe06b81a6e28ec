import { ChildProcess, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { spawnTied, stopProcess } from '../kafka/tied-process';
import { buildah, ImageRunConfig, imageRunConfig } from './buildah';

// Runs inside new mount and PID namespaces (unshare --mount --pid --fork), as PID 1 until its last exec:
// the image's filesystem becomes a read-only bind mount with its own /proc and a minimal /dev, then
// `unshare --root --wd --setuid --setgid` enters it as the image's user and execs the image's entry point,
// which so becomes PID 1 itself. The host's network stays shared, so the service reaches a local broker.
const SANDBOX = `
set -eu
root=$1 uid=$2 gid=$3 wd=$4
shift 4
mount --bind "$root" "$root"
mount -o remount,bind,ro,nosuid,nodev "$root"
mount -t proc -o nosuid,nodev,noexec proc "$root/proc"
mount -t tmpfs -o mode=755,nosuid,noexec,size=64k dev "$root/dev"
for device in null zero full random urandom; do
  touch "$root/dev/$device"
  mount --bind "/dev/$device" "$root/dev/$device"
done
exec unshare --root="$root" --wd="$wd" --setgid="$gid" --setuid="$uid" -- "$@"
`;

// Outside the namespaces: unshare ignores SIGTERM, so pass it on to the namespace's PID 1 (the service).
const FORWARDER = `
unshare --mount --pid --fork --kill-child --propagation private sh -c "$0" sandbox "$@" &
namespaced=$!
trap 'kill -TERM $(cat /proc/$namespaced/task/$namespaced/children) 2>/dev/null' TERM INT
wait "$namespaced"; status=$?
while kill -0 "$namespaced" 2>/dev/null; do wait "$namespaced"; status=$?; done
exit "$status"
`;

export interface ImageSandboxOptions {
  /** Environment on top of the image's own (`ENV`). */
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * A container of a local image run without a container engine (root only): the image's filesystem,
 * read-only, as the image's numeric user, with the image's entry point as PID 1 of its own PID namespace,
 * much as a pod with `readOnlyRootFilesystem: true` runs it. Keeps the output lines for assertions.
 */
export class ImageSandbox {
  /** Mounts a working container of `image` and starts its entry point. */
  public static start(image: string, options: ImageSandboxOptions = {}): ImageSandbox {
    const config = imageRunConfig(image);
    const [uid, gid] = (config.User ?? '').split(':');
    if (!/^\d+$/.test(uid ?? '') || !/^\d+$/.test(gid ?? '')) {
      throw new Error(`${image}: USER is '${config.User ?? ''}'; it must be numeric 'uid:gid', as OpenShift's restricted SCC requires.`);
    }
    const container = buildah('from', '--pull-never', image);
    try {
      return new ImageSandbox(image, config, container, buildah('mount', container), uid, gid, options);
    } catch (error) {
      buildah('rm', container);
      throw error;
    }
  }

  /** Every line the service has written (stdout and stderr). */
  public readonly lines: string[] = [];
  /** Resolves with the exit code (or signal name) when the service ends. */
  public readonly exited: Promise<number | string>;
  private readonly child: ChildProcess;

  private constructor(
    public readonly image: string,
    public readonly config: ImageRunConfig,
    private readonly container: string,
    rootfs: string,
    public readonly uid: string,
    public readonly gid: string,
    options: ImageSandboxOptions,
  ) {
    const command = [...(config.Entrypoint ?? []), ...(config.Cmd ?? [])];
    const env = Object.fromEntries((config.Env ?? []).map((entry) => entry.split(/=(.*)/s).slice(0, 2)));
    this.child = spawnTied('sh', ['-c', FORWARDER, SANDBOX, rootfs, uid, gid, config.WorkingDir || '/', ...command], {
      env: { ...env, ...options.env },
      stdio: 'pipe',
    });
    for (const stream of [this.child.stdout, this.child.stderr]) {
      if (stream) createInterface({ input: stream }).on('line', (line) => this.lines.push(line));
    }
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve(code ?? signal ?? 0)));
  }

  /** Host PID of the entry point: the descendant that is PID 1 of a PID namespace of its own. */
  public get pid(): number {
    const pending = [this.child.pid!];
    while (pending.length > 0) {
      const pid = pending.shift()!;
      const nsPids = /^NSpid:\s+(.*)$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1].split(/\s+/) ?? [];
      if (nsPids.length > 1 && nsPids[nsPids.length - 1] === '1') return pid;
      pending.push(...readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number));
    }
    throw new Error(`${this.image}: the sandbox has no running entry point; its output:\n${this.lines.join('\n')}`);
  }

  /**
   * Runs `node -e script` inside the running sandbox (its mount and PID namespaces and root, as its user),
   * as `kubectl exec` would, and returns what it prints.
   */
  public exec(script: string): string {
    return execFileSync('nsenter', [
      `--target=${this.pid}`, '--mount', '--pid', '--root', '--wd', `--setgid=${this.gid}`, `--setuid=${this.uid}`,
      '--', 'node', '-e', script,
    ], { encoding: 'utf8', env: { PATH: '/usr/local/bin:/usr/bin:/bin' } });
  }

  /** Sends SIGTERM to the entry point; SIGKILL after `graceMs`. Resolves with the exit code. */
  public stop(graceMs = 30_000): Promise<number | string> {
    return stopProcess(this.child, graceMs);
  }

  /** Stops the service if it still runs and removes the working container. */
  public async destroy(): Promise<void> {
    await this.stop(5_000);
    buildah('rm', this.container);
  }
}
