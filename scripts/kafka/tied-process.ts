import { ChildProcess, spawn, SpawnOptions } from 'node:child_process';

// A child normally outlives a parent that is killed hard (SIGKILL, a crashed jest worker), leaving
// a JVM or a service running. This wrapper shell holds the child's pipe to us: when we die the pipe
// closes, `read` returns and the shell stops the child. SIGTERM/SIGINT to the wrapper are passed on
// and it exits with the child's status, so callers treat it as the child itself. It leads its own
// process group, so a terminal's Ctrl-C reaches only us (we decide the stop order) and a last-resort
// SIGKILL can take the whole group.
const WRAPPER = `
exec 3<&0
"$@" <&- &
child=$!
{ read -r _ <&3; kill -TERM "$child" 2>/dev/null; } &
watcher=$!
trap 'kill -TERM "$child" 2>/dev/null' TERM INT
wait "$child"; status=$?
while kill -0 "$child" 2>/dev/null; do wait "$child"; status=$?; done
kill "$watcher" 2>/dev/null
exit "$status"
`;

/**
 * Spawns `command` so that it is stopped when this process dies, however it dies.
 * stdout/stderr follow `options.stdio` (stdin is taken by the wrapper). Send SIGTERM to the
 * returned process to stop the command gracefully.
 */
export function spawnTied(command: string, args: readonly string[], options: SpawnOptions = {}): ChildProcess {
  const stdio = options.stdio;
  const out = Array.isArray(stdio) ? stdio.slice(1, 3) : [stdio ?? 'pipe', stdio ?? 'pipe'];
  return spawn('sh', ['-c', WRAPPER, 'tied', command, ...args], {
    ...options,
    detached: true,
    stdio: ['pipe', ...out],
  });
}

/**
 * Sends `signal` (SIGTERM by default) to a {@link spawnTied} process, then SIGKILL to its whole group
 * after `graceMs`; resolves with the exit code (or signal name). With SIGKILL the whole group is killed
 * at once, so the command dies without a chance to clean up.
 */
export function stopProcess(child: ChildProcess, graceMs = 15_000, signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<number | string> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve(child.exitCode ?? child.signalCode ?? 0);
      return;
    }
    const killGroup = (): void => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // the group is already gone
      }
    };
    const killer = setTimeout(killGroup, graceMs);
    child.once('exit', (code, exitSignal) => {
      clearTimeout(killer);
      resolve(code ?? exitSignal ?? 0);
    });
    if (signal === 'SIGKILL') killGroup();
    else child.kill('SIGTERM');
  });
}
