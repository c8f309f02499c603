/** Entry point of the `agora` command line. */
import { runCommand } from './command.js';
import { rootCommand } from './registry.js';

const io = {
  out: (t: string) => process.stdout.write(`${t}\n`),
  err: (t: string) => process.stderr.write(`${t}\n`),
};

runCommand(rootCommand, process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`agora: unexpected error: ${(e as Error)?.stack ?? String(e)}\n`);
    process.exitCode = 70;
  },
);
