/**
 * ONNX model encoding (onnx.proto field numbers) and a small graph builder. Float tensors go in
 * `raw_data` (little-endian); repeated int64 fields are written unpacked, as onnx.proto is proto2.
 */
import { ProtoWriter } from './proto.js';

/** Fixed operator set and IR version (opset 17 <-> IR 8, ONNX 1.12). */
export const ONNX_OPSET = 17;
export const ONNX_IR_VERSION = 8;

const FLOAT = 1;
const INT64 = 7;
const ATTR_FLOAT = 1;
const ATTR_INT = 2;
const ATTR_INTS = 7;

export type AttrValue = number | readonly number[] | { readonly float: number };

export interface OnnxNode {
  readonly op: string;
  readonly name: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attrs?: Readonly<Record<string, AttrValue>>;
}

export interface OnnxInitializer {
  readonly name: string;
  readonly dims: readonly number[];
  readonly data: Float32Array | BigInt64Array;
}

/** A float32 graph input or output; string dims are symbolic (dim_param). */
export interface OnnxValue {
  readonly name: string;
  readonly dims: readonly (number | string)[];
}

export interface OnnxGraph {
  readonly name: string;
  readonly nodes: readonly OnnxNode[];
  readonly initializers: readonly OnnxInitializer[];
  readonly inputs: readonly OnnxValue[];
  readonly outputs: readonly OnnxValue[];
  readonly doc?: string;
}

export function encodeModel(graph: OnnxGraph, producer = 'agora', version = '0.1.0'): Uint8Array {
  const g = new ProtoWriter();
  for (const n of graph.nodes) g.message(1, encodeNode(n));
  g.string(2, graph.name);
  for (const t of graph.initializers) g.message(5, encodeTensor(t));
  for (const v of graph.inputs) g.message(11, encodeValue(v));
  for (const v of graph.outputs) g.message(12, encodeValue(v));
  const m = new ProtoWriter().int(1, ONNX_IR_VERSION).string(2, producer).string(3, version);
  if (graph.doc) m.string(6, graph.doc);
  m.message(7, g);
  m.message(8, new ProtoWriter().string(1, '').int(2, ONNX_OPSET));
  return m.finish();
}

function encodeNode(n: OnnxNode): ProtoWriter {
  const w = new ProtoWriter();
  for (const i of n.inputs) w.string(1, i);
  for (const o of n.outputs) w.string(2, o);
  w.string(3, n.name).string(4, n.op);
  for (const [name, value] of Object.entries(n.attrs ?? {})) w.message(5, encodeAttr(name, value));
  return w;
}

function encodeAttr(name: string, value: AttrValue): ProtoWriter {
  const a = new ProtoWriter().string(1, name);
  if (typeof value === 'number') return a.int(3, value).int(20, ATTR_INT);
  if ('float' in value) return a.float(2, value.float).int(20, ATTR_FLOAT);
  for (const v of value as readonly number[]) a.int(8, v);
  return a.int(20, ATTR_INTS);
}

function encodeTensor(t: OnnxInitializer): ProtoWriter {
  const w = new ProtoWriter();
  for (const d of t.dims) w.int(1, d);
  w.int(2, t.data instanceof Float32Array ? FLOAT : INT64);
  w.string(8, t.name);
  w.bytes(9, littleEndianBytes(t.data));
  return w;
}

function encodeValue(v: OnnxValue): ProtoWriter {
  const shape = new ProtoWriter();
  for (const d of v.dims) {
    shape.message(1, typeof d === 'number' ? new ProtoWriter().int(1, d) : new ProtoWriter().string(2, d));
  }
  const tensorType = new ProtoWriter().int(1, FLOAT).message(2, shape);
  return new ProtoWriter().string(1, v.name).message(2, new ProtoWriter().message(1, tensorType));
}

function littleEndianBytes(data: Float32Array | BigInt64Array): Uint8Array {
  const out = new Uint8Array(data.byteLength);
  const view = new DataView(out.buffer);
  if (data instanceof Float32Array)
    for (let i = 0; i < data.length; i++) view.setFloat32(i * 4, data[i], true);
  else for (let i = 0; i < data.length; i++) view.setBigInt64(i * 8, data[i], true);
  return out;
}

/** Collects nodes and constants, naming intermediate values `<prefix>_<k>`. */
export class GraphBuilder {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxInitializer[] = [];
  private count = 0;

  /** Add a node with one output; returns the output's name (or `output` when given). */
  node(op: string, inputs: readonly string[], attrs?: Record<string, AttrValue>, output?: string): string {
    const name = `${op.toLowerCase()}_${this.count++}`;
    const out = output ?? name;
    this.nodes.push({ op, name, inputs, outputs: [out], attrs });
    return out;
  }

  constFloat(name: string, dims: readonly number[], values: Float32Array | readonly number[]): string {
    this.initializers.push({ name, dims, data: Float32Array.from(values) });
    return name;
  }

  constInt64(name: string, dims: readonly number[], values: readonly number[]): string {
    this.initializers.push({ name, dims, data: BigInt64Array.from(values.map((v) => BigInt(v))) });
    return name;
  }
}
