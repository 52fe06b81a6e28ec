import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// scripts/ci/tools.sh decides what a machine lacks and installs it; these tests run it on a PATH that lacks the
// tools, whatever this machine has installed, so the install path is exercised on every run.
const TOOLS_SH = join(__dirname, '../../scripts/ci/tools.sh');
const ENV_SH = join(__dirname, '../../scripts/images/env.sh');
const PACKAGES = ['openjdk-17-jdk-headless', 'maven', 'openssl', 'util-linux', 'buildah', 'mmdebstrap', 'python3-venv'];

let dirs: string[] = [];
afterEach(() => {
  dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
  dirs = [];
});

/** A folder for PATH holding executables of the given names: links to real programs, or empty scripts. */
function binDir(entries: { link?: string[]; empty?: string[] } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'tools-path-'));
  chmodSync(dir, 0o755); // searchable by the unprivileged user below
  dirs.push(dir);
  for (const name of entries.link ?? []) symlinkSync(`/usr/bin/${name}`, join(dir, name));
  for (const name of entries.empty ?? []) {
    writeFileSync(join(dir, name), '#!/bin/sh\n');
    chmodSync(join(dir, name), 0o755);
  }
  return dir;
}

/** Runs tools.sh with bash from its absolute path, so PATH holds only what the test puts there. */
function tools(args: string[], env: Record<string, string>, asUser?: string) {
  const command = asUser
    ? ['/usr/bin/setpriv', `--reuid=${asUser}`, `--regid=${asUser}`, '--clear-groups', '/bin/bash', '--norc', '-s', '--', ...args]
    : ['/bin/bash', '--norc', TOOLS_SH, ...args];
  const run = spawnSync(command[0], command.slice(1), {
    env, encoding: 'utf8', timeout: 300_000, input: asUser ? readFileSync(TOOLS_SH) : undefined,
  });
  return { status: run.status, out: run.stdout + run.stderr };
}

describe('scripts/ci/tools.sh', () => {
  test('reports every tool missing from PATH, with the Debian packages and the command that installs them', () => {
    // GIVEN a PATH without any of the tools
    const env = { PATH: binDir() };

    // WHEN it checks
    const { status, out } = tools(['check'], env);

    // THEN it fails, naming each tool, each package once and the apt-get line
    expect(status).toBe(1);
    expect(out).toContain('missing java javac mvn openssl unshare nsenter buildah mmdebstrap python3');
    expect(out).toContain(`apt-get install -y ${PACKAGES.join(' ')}`);
  });

  test('a shell function named buildah does not count as buildah', () => {
    // GIVEN executables for every tool but buildah and mmdebstrap, and a function named buildah exported to
    // every bash (scripts/images/env.sh once defined one; `command -v buildah` found it)
    const env = {
      PATH: binDir({ empty: ['java', 'javac', 'mvn', 'openssl', 'unshare', 'nsenter', 'python3'] }),
      'BASH_FUNC_buildah%%': '() { echo a function; }',
    };
    expect(spawnSync('/bin/bash', ['--norc', '-c', 'command -v buildah'], { env, encoding: 'utf8' }).stdout).toBe('buildah\n');

    // WHEN it checks
    const { status, out } = tools(['check'], env);

    // THEN only the two are missing, and only their packages would be installed
    expect(status).toBe(1);
    expect(out).toContain('missing buildah mmdebstrap (Debian packages: buildah mmdebstrap)');
    expect(out).toContain("apt-get install -y buildah mmdebstrap'");
  });

  test('a tool present as an executable on PATH is not installed again', () => {
    // GIVEN buildah and mmdebstrap on PATH
    const env = { PATH: binDir({ empty: ['buildah', 'mmdebstrap'] }) };

    // WHEN `npm run images` asks for them THEN nothing is installed
    const { status, out } = tools(['install', 'buildah', 'mmdebstrap'], env);
    expect(status).toBe(0);
    expect(out).toBe('tools: buildah mmdebstrap present\n');
  });

  test('as a user other than root, install stops and prints the sudo command', () => {
    // GIVEN a PATH without buildah, and an unprivileged user (this test runs as root in CI)
    const env = { PATH: binDir({ link: ['apt-get'] }) };
    const user = process.getuid?.() === 0 ? '65534' : undefined; // nobody

    // WHEN it is asked to install buildah
    const { status, out } = tools(['install', 'buildah'], env, user);

    // THEN it fails with the command to run as root, and installs nothing
    expect(status).toBe(1);
    expect(out).toContain("installing them needs root; run: sudo sh -c 'apt-get update && apt-get install -y buildah'");
  });

  test('the packages of every missing tool resolve on this machine\'s apt sources (apt-get --simulate)', () => {
    // GIVEN a PATH with apt-get and dpkg but none of the tools
    const env = { PATH: binDir({ link: ['apt-get', 'dpkg'] }) };

    // WHEN it installs in simulation (after `apt-get update` when root)
    const { status, out } = tools(['install', '--simulate'], env);

    // THEN apt-get resolves each package: it would install it, or it is installed (but not on this PATH)
    expect({ status, out }).toMatchObject({ status: 0 });
    for (const pkg of PACKAGES) {
      expect(out).toMatch(new RegExp(`^(Inst ${pkg} |${pkg} is already the newest version)`, 'm'));
    }
  }, 300_000);

  test('refuses a tool it has no package for', () => {
    // WHEN asked for a tool outside its list THEN it says so instead of guessing a package
    const { status, out } = tools(['install', 'docker'], { PATH: binDir() });
    expect(status).toBe(64);
    expect(out).toContain("no package is known for 'docker'");
  });
});

describe('scripts/images/env.sh', () => {
  function sourced(script: string, env: Record<string, string> = {}): string {
    const run = spawnSync('/bin/bash', ['--norc', '-c', `source "${ENV_SH}"; ${script}`], {
      env: { PATH: binDir({ link: ['dirname'] }), ...env }, encoding: 'utf8',
    });
    return run.stdout + run.stderr;
  }

  test('defines no function or alias that could stand in for buildah or mmdebstrap', () => {
    // WHEN env.sh is sourced on a PATH without the tools THEN neither name resolves to anything
    expect(sourced('type -t buildah mmdebstrap; echo "status $?"')).toBe('status 1\n');
  });

  test('passes STORAGE_DRIVER to every buildah call through the BUILDAH command array', () => {
    // WHEN sourced without and with a storage driver THEN the array is the real buildah, with the flag when set
    expect(sourced('printf "%s|" "${BUILDAH[@]}"')).toBe('buildah|');
    expect(sourced('printf "%s|" "${BUILDAH[@]}"', { STORAGE_DRIVER: 'vfs' })).toBe('buildah|--storage-driver|vfs|');
  });
});
