/** The command tree. Each application adds its command group here (one line each). */
import type { Command, GroupCommand } from './command.js';
import { backtestCommand } from './commands/backtest.js';
import { dataCommand } from './commands/data.js';
import { demoCommand } from './commands/demo.js';
import { evalCommand } from './commands/eval.js';
import { factorsCommand } from './commands/factors.js';
import { mineCommand } from './commands/mine.js';
import { reportCommand } from './commands/report.js';
import { versionCommand } from './commands/version.js';

const commands: Command[] = [
  versionCommand,
  dataCommand,
  demoCommand,
  evalCommand,
  backtestCommand,
  reportCommand,
  factorsCommand,
  mineCommand,
];

export const rootCommand: GroupCommand = {
  name: 'agora',
  summary: 'Agora: a lab for training and evaluating market agents (alpha mining, factors, evaluation).',
  subcommands: commands,
};
