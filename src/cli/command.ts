/**
 * A tiny command framework on node:util parseArgs. A command is either a leaf (options + run)
 * or a group of subcommands (`agora data inspect ...`). Every command has --help.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { AgoraError } from '../core/index.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>[string] & {
  description: string;
  valueName?: string;
};

export interface CommandIO {
  out: (text: string) => void;
  err: (text: string) => void;
}

export interface LeafCommand {
  name: string;
  summary: string;
  /** Usage line after `agora <path>`, e.g. `<file> [--json]`. */
  usage?: string;
  /** Longer help text shown under the usage. */
  details?: string;
  options?: Record<string, OptionSpec>;
  run(args: ParsedArgs, io: CommandIO): Promise<number | undefined> | number | undefined;
}

export interface GroupCommand {
  name: string;
  summary: string;
  subcommands: Command[];
  /** Runs when the first argument is not a subcommand (e.g. `agora mine --method gp`). */
  defaultCommand?: LeafCommand;
}

export type Command = LeafCommand | GroupCommand;

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
}

export function isGroup(c: Command): c is GroupCommand {
  return 'subcommands' in c;
}

export function helpText(path: string[], cmd: Command): string {
  const lines: string[] = [];
  if (isGroup(cmd)) {
    lines.push(
      `Usage: ${['agora', ...path].join(' ')} <command> [options]`,
      '',
      cmd.summary,
      '',
      'Commands:',
    );
    const w = Math.max(...cmd.subcommands.map((c) => c.name.length));
    for (const c of cmd.subcommands) lines.push(`  ${c.name.padEnd(w)}  ${c.summary}`);
    lines.push('', `Run '${['agora', ...path].join(' ')} <command> --help' for a command's options.`);
    return lines.join('\n');
  }
  lines.push(`Usage: agora ${path.join(' ')}${cmd.usage ? ` ${cmd.usage}` : ''}`, '', cmd.summary);
  if (cmd.details) lines.push('', cmd.details);
  const opts = Object.entries(cmd.options ?? {});
  lines.push('', 'Options:');
  const fmt = ([name, o]: [string, OptionSpec]) => {
    const short = o.short ? `-${o.short}, ` : '    ';
    const val = o.type === 'string' ? ` <${o.valueName ?? 'value'}>` : '';
    return [`  ${short}--${name}${val}`, o.description] as const;
  };
  const rows = [...opts.map(fmt), ['  -h, --help', 'show this help'] as const];
  const w = Math.max(...rows.map((r) => r[0].length));
  for (const [a, b] of rows) lines.push(`${a.padEnd(w)}  ${b}`);
  return lines.join('\n');
}

/** Parse and run `argv` (without `node agora`) against a command tree; returns the exit code. */
export async function runCommand(root: GroupCommand, argv: string[], io: CommandIO): Promise<number> {
  let cmd: Command = root;
  const path: string[] = [];
  let rest = argv;
  while (isGroup(cmd)) {
    const name = rest[0];
    const group: GroupCommand = cmd;
    const named = group.subcommands.find((c) => c.name === name);
    if (!named && group.defaultCommand && name !== 'help' && (name === undefined || name.startsWith('-'))) {
      if (name === '--help' || name === '-h') {
        io.out(`${helpText(path, group)}\n\nWithout a command:\n${helpText(path, group.defaultCommand)}`);
        return 0;
      }
      cmd = group.defaultCommand;
      break;
    }
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      io.out(helpText(path, cmd));
      return name === undefined ? 1 : 0;
    }
    const next: Command | undefined = named;
    if (!next) {
      io.err(`agora: unknown command '${[...path, name].join(' ')}'\n\n${helpText(path, cmd)}`);
      return 2;
    }
    path.push(name);
    cmd = next;
    rest = rest.slice(1);
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(helpText(path, cmd));
    return 0;
  }
  let parsed: ParsedArgs;
  try {
    const options: ParseArgsConfig['options'] = {};
    for (const [k, o] of Object.entries(cmd.options ?? {})) {
      const { description: _d, valueName: _v, ...spec } = o;
      options[k] = spec;
    }
    parsed = parseArgs({ args: rest, options, allowPositionals: true, strict: true }) as ParsedArgs;
  } catch (e) {
    io.err(`agora ${path.join(' ')}: ${(e as Error).message}\n\n${helpText(path, cmd)}`);
    return 2;
  }
  try {
    return (await cmd.run(parsed, io)) ?? 0;
  } catch (e) {
    if (e instanceof AgoraError) {
      io.err(`agora ${path.join(' ')}: error [${e.code}]: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

/** Read a string option as a number, with an error that names the flag. */
export function numberOption(args: ParsedArgs, name: string, fallback: number): number {
  const raw = args.values[name];
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (typeof raw !== 'string' || !Number.isFinite(v)) {
    throw new AgoraError('INVALID_ARGUMENT', `--${name} must be a number, got '${String(raw)}'`);
  }
  return v;
}

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const raw = args.values[name];
  return typeof raw === 'string' ? raw : undefined;
}

export function requireString(args: ParsedArgs, name: string): string {
  const v = stringOption(args, name);
  if (v === undefined) throw new AgoraError('INVALID_ARGUMENT', `missing required option --${name}`);
  return v;
}
