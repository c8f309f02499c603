/** The command tree. Each application adds its command group here (one line each). */
import type { Command, GroupCommand } from './command.js';
import { versionCommand } from './commands/version.js';

const commands: Command[] = [versionCommand];

export const rootCommand: GroupCommand = {
  name: 'agora',
  summary: 'Agora: a lab for training and evaluating market agents (alpha mining, factors, evaluation).',
  subcommands: commands,
};
