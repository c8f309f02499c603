import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../core/index.js';
import type { LeafCommand } from '../command.js';

export const versionCommand: LeafCommand = {
  name: 'version',
  summary: 'print the Agora version and the Node.js version',
  run(_args, io) {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    io.out(`agora ${pkg.version} (node ${process.version})`);
    return 0;
  },
};
