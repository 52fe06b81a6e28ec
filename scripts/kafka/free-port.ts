import { createServer } from 'node:net';

// Ports handed out by this process: the OS may offer a port again as soon as its probe socket is closed, before
// whoever asked for it has bound it (a node's listener port and its replication port came out equal once).
const handedOut = new Set<number>();

/** A loopback TCP port that is free right now and that this process has not handed out before. */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await probePort();
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
}

function probePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('The OS gave no free port'))));
    });
  });
}
