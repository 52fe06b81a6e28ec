import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The images under test are built from the current sources first (`npm run images`: a few seconds when
 * nothing changed), so the tests never run a stale image. Needs root (buildah, mount namespaces).
 */
export default function globalSetup(): void {
  if (process.getuid?.() !== 0) {
    throw new Error('The images tests build and run images with buildah and mount namespaces: run them as root.');
  }
  execFileSync('bash', [join(__dirname, '../../scripts/images/build.sh')], { stdio: 'inherit' });
}
