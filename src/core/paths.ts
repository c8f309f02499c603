/** Where things are: the repository root, the bundled sample, the shared real data. */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** Repository (package) root: the nearest ancestor holding package.json. */
export const repoRoot: string = (() => {
  let dir = here;
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    dir = dirname(dir);
  }
  return resolve(here, '..', '..');
})();

/** Bundled small real sample shipped with the repository. */
export const bundledDataDir: string = join(repoRoot, 'data');

/**
 * The shared real data folder: `AGORA_SHARED_DATA` if set, else `../shared/data` beside the
 * repository. Returns undefined when it is not there (tests that need it skip with a reason).
 */
export function sharedDataDir(): string | undefined {
  const candidates = [process.env.AGORA_SHARED_DATA, join(repoRoot, '..', 'shared', 'data')];
  for (const c of candidates) if (c && existsSync(c)) return resolve(c);
  return undefined;
}

export function sharedDataFile(name: string): string | undefined {
  const dir = sharedDataDir();
  if (!dir) return undefined;
  const p = join(dir, name);
  return existsSync(p) ? p : undefined;
}
