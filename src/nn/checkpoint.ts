/**
 * Checkpoints: module weights + optimiser state + RNG states + step + user JSON in a directory.
 *
 * Layout: `checkpoint.json` (manifest) and `tensors-<step>-<hash>.bin` (float32 little-endian
 * arrays, concatenated; the manifest lists name, shape, offset and the file's sha256). Saving is
 * atomic: the tensor file (under a new, content-addressed name) and then the manifest are each
 * written to a temporary file, fsynced and renamed into place, so a reader sees either the old
 * or the new checkpoint, never a mix; tensor files the manifest no longer names are removed
 * afterwards.
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { endianness } from 'node:os';
import { join } from 'node:path';
import { AgoraError, type Rng, type RngState, sha256Bytes } from '../core/index.js';
import type { Adam, OptimizerState } from './adam.js';
import type { Module, WeightEntry } from './module.js';

export const CHECKPOINT_FORMAT = 'agora-nn-checkpoint';
export const CHECKPOINT_VERSION = 1;
const MANIFEST = 'checkpoint.json';

export interface CheckpointParts {
  readonly modules: Readonly<Record<string, Module>>;
  readonly optimizers?: Readonly<Record<string, Adam>>;
  readonly rngs?: Readonly<Record<string, Rng>>;
}

export interface SaveInput extends CheckpointParts {
  /** Training step (updates done so far). */
  readonly step: number;
  /** Any JSON-serialisable value (config, metrics, data cursor). */
  readonly user?: unknown;
}

interface TensorRecord {
  readonly key: string;
  readonly shape: readonly number[];
  readonly offset: number;
  readonly length: number;
}

interface Manifest {
  readonly format: string;
  readonly version: number;
  readonly step: number;
  readonly data: string;
  readonly sha256: string;
  readonly tensors: TensorRecord[];
  readonly optimizerSteps: Record<string, number>;
  readonly rngs: Record<string, RngState>;
  readonly user: unknown;
}

/** Everything stored in a checkpoint, as plain data. */
export interface CheckpointData {
  readonly step: number;
  readonly user: unknown;
  readonly modules: Record<string, WeightEntry[]>;
  readonly optimizers: Record<string, OptimizerState>;
  readonly rngs: Record<string, RngState>;
}

/** Save atomically into `dir` (created if needed); returns the manifest path. */
export function saveCheckpoint(dir: string, input: SaveInput): string {
  checkLittleEndian();
  mkdirSync(dir, { recursive: true });
  const entries = collect(input);
  const { bytes, records } = pack(entries);
  const sha256 = sha256Bytes(bytes);
  const data = `tensors-${input.step}-${sha256.slice(0, 16)}.bin`;
  writeAtomic(join(dir, data), bytes);
  const manifest: Manifest = {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    step: input.step,
    data,
    sha256,
    tensors: records,
    optimizerSteps: mapValues(input.optimizers ?? {}, (o) => o.step),
    rngs: mapValues(input.rngs ?? {}, (r) => r.getState()),
    user: input.user ?? null,
  };
  const path = join(dir, MANIFEST);
  writeAtomic(path, Buffer.from(`${JSON.stringify(manifest, null, 1)}\n`));
  syncDir(dir);
  for (const f of readdirSync(dir)) {
    if (/^tensors-.*\.bin$/.test(f) && f !== data) rmSync(join(dir, f), { force: true });
  }
  return path;
}

/** Whether `dir` holds a checkpoint manifest. */
export function hasCheckpoint(dir: string): boolean {
  return existsSync(join(dir, MANIFEST));
}

/** Read a checkpoint as plain data (verifying format and hash). */
export function loadCheckpoint(dir: string): CheckpointData {
  const path = join(dir, MANIFEST);
  const m = readManifest(path);
  const bytes = readFileSync(join(dir, m.data));
  if (sha256Bytes(bytes) !== m.sha256) {
    throw new AgoraError('DATA_READ', `checkpoint tensor file ${m.data} does not match its hash`, {
      file: join(dir, m.data),
      hint: 'the file was modified or truncated; restore from an earlier checkpoint',
    });
  }
  const out: CheckpointData = { step: m.step, user: m.user, modules: {}, optimizers: {}, rngs: m.rngs };
  const buf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  for (const t of m.tensors) place(out, m, t, new Float32Array(buf, t.offset * 4, t.length).slice());
  return out;
}

/** Load `dir` into live modules, optimisers and RNGs; returns the step and user JSON. */
export function restoreCheckpoint(dir: string, parts: CheckpointParts): { step: number; user: unknown } {
  const data = loadCheckpoint(dir);
  for (const [key, module] of Object.entries(parts.modules))
    module.setWeights(need(data.modules, key, 'module', dir));
  for (const [key, opt] of Object.entries(parts.optimizers ?? {}))
    opt.setState(need(data.optimizers, key, 'optimizer', dir));
  for (const [key, rng] of Object.entries(parts.rngs ?? {})) rng.setState(need(data.rngs, key, 'rng', dir));
  return { step: data.step, user: data.user };
}

function collect(input: SaveInput): { key: string; entry: WeightEntry }[] {
  const out: { key: string; entry: WeightEntry }[] = [];
  for (const [k, m] of Object.entries(input.modules))
    for (const e of m.getWeights()) out.push({ key: `module:${k}:${e.name}`, entry: e });
  for (const [k, o] of Object.entries(input.optimizers ?? {})) {
    const s = o.getState();
    for (const e of s.m) out.push({ key: `opt:${k}:m:${e.name}`, entry: e });
    for (const e of s.v) out.push({ key: `opt:${k}:v:${e.name}`, entry: e });
  }
  return out;
}

function pack(entries: { key: string; entry: WeightEntry }[]): { bytes: Buffer; records: TensorRecord[] } {
  const total = entries.reduce((n, e) => n + e.entry.values.length, 0);
  const all = new Float32Array(total);
  const records: TensorRecord[] = [];
  let offset = 0;
  for (const { key, entry } of entries) {
    all.set(entry.values, offset);
    records.push({ key, shape: entry.shape, offset, length: entry.values.length });
    offset += entry.values.length;
  }
  return { bytes: Buffer.from(all.buffer, all.byteOffset, all.byteLength), records };
}

function place(out: CheckpointData, m: Manifest, t: TensorRecord, values: Float32Array): void {
  const [kind, owner, ...rest] = t.key.split(':');
  if (kind === 'module') {
    (out.modules[owner] ??= []).push({ name: rest.join(':'), shape: t.shape, values });
    return;
  }
  const state = (out.optimizers[owner] ??= { step: m.optimizerSteps[owner] ?? 0, m: [], v: [] });
  const slot = rest[0] === 'm' ? state.m : state.v;
  slot.push({ name: rest.slice(1).join(':'), shape: t.shape, values });
}

function readManifest(path: string): Manifest {
  if (!existsSync(path)) {
    throw new AgoraError('NOT_FOUND', 'no checkpoint here', {
      file: path,
      hint: 'check the run directory, or start without --resume',
    });
  }
  let m: Manifest;
  try {
    m = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  } catch (e) {
    throw new AgoraError('DATA_READ', `checkpoint manifest is not valid JSON: ${(e as Error).message}`, {
      file: path,
    });
  }
  if (m.format !== CHECKPOINT_FORMAT || m.version !== CHECKPOINT_VERSION) {
    throw new AgoraError(
      'DATA_READ',
      `not an ${CHECKPOINT_FORMAT} v${CHECKPOINT_VERSION} manifest (format ${m.format}, version ${m.version})`,
      {
        file: path,
        hint: 'point at a directory written by saveCheckpoint',
      },
    );
  }
  return m;
}

function need<T>(from: Record<string, T>, key: string, what: string, dir: string): T {
  const v = from[key];
  if (v === undefined) {
    throw new AgoraError(
      'DATA_READ',
      `checkpoint has no ${what} '${key}' (it has: ${Object.keys(from).join(', ') || 'none'})`,
      {
        file: join(dir, MANIFEST),
        hint: `save the ${what} under the same key you restore it with`,
      },
    );
  }
  return v;
}

function writeAtomic(path: string, bytes: Uint8Array): void {
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w');
  try {
    let done = 0;
    while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

function syncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function mapValues<T, U>(o: Readonly<Record<string, T>>, f: (v: T) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));
}

function checkLittleEndian(): void {
  if (endianness() !== 'LE')
    throw new AgoraError('UNAVAILABLE', 'checkpoints are written little-endian; this machine is big-endian');
}
