import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const LIB = resolve(__dirname, '../../scripts/bindings/lib.sh');

/** Runs lib.sh's prune_cache on the cache `cache`, as build.sh does first. */
const prune = (cache: string): void => {
  execFileSync('bash', ['-c', `set -euo pipefail; source '${LIB}'; prune_cache`], { env: { ...process.env, BINDINGS_CACHE: cache } });
};

describe('the bindings cache', () => {
  let cache: string;
  beforeEach(() => {
    cache = mkdtempSync(join(tmpdir(), 'bindings-cache-'));
  });
  afterEach(() => rmSync(cache, { recursive: true, force: true }));

  test('a fresh machine: pruning an empty cache, or a kind with no entry yet, succeeds', () => {
    // GIVEN an empty cache WHEN pruned THEN nothing fails (a fresh machine's first build starts here)
    expect(() => prune(cache)).not.toThrow();
    // GIVEN a kind whose first build is still running (only its lock and temporary directory) WHEN pruned THEN neither fails
    mkdirSync(join(cache, 'python', 'abc.tmp.123'), { recursive: true });
    expect(() => prune(cache)).not.toThrow();
    expect(readdirSync(join(cache, 'python'))).toEqual(['abc.tmp.123']);
  });

  test('of each kind the 5 entries used last stay, the Maven repository and unfinished builds too', () => {
    // GIVEN 7 entries of one kind, used one after the other, a fresh temporary build and the shared Maven repository
    const kind = join(cache, 'java');
    for (let i = 0; i < 7; i++) {
      mkdirSync(join(kind, `entry-${i}`), { recursive: true });
      utimesSync(join(kind, `entry-${i}`), 1_000_000 + i, 1_000_000 + i);
    }
    mkdirSync(join(kind, 'entry-7.tmp.x'));
    mkdirSync(join(cache, 'm2', 'a', 'b'), { recursive: true });
    // WHEN pruned
    prune(cache);
    // THEN the two used longest ago are gone, and nothing else
    expect(readdirSync(kind).sort()).toEqual(['entry-2', 'entry-3', 'entry-4', 'entry-5', 'entry-6', 'entry-7.tmp.x']);
    expect(readdirSync(join(cache, 'm2'))).toEqual(['a']);
  });
});
