/**
 * ONNX export of score heads: an MLP with one output, and the set encoder. Both graphs take a
 * float32 input `features` [N, F] (N symbolic) and give `scores` [N]. Every operation mirrors
 * the tfjs forward pass (MatMul + Add, activations, LayerNormalization over the last axis,
 * ReduceMean / ReduceMax over assets, the context broadcast to every asset with Expand).
 */
import { AgoraError } from '../../core/index.js';
import { type Activation, QUICK_GELU_SLOPE } from '../activation.js';
import type { Dense, Mlp } from '../dense.js';
import type { SetEncoder } from '../set_encoder.js';
import { encodeModel, GraphBuilder } from './model.js';

export const ONNX_INPUT = 'features';
export const ONNX_OUTPUT = 'scores';

/** MLP [F, ..., 1] -> ONNX bytes (features [N, F] -> scores [N]). */
export function exportMlpOnnx(mlp: Mlp, doc?: string): Uint8Array {
  if (mlp.outputs !== 1) {
    throw new AgoraError(
      'INVALID_ARGUMENT',
      `only score heads with one output can be exported; '${mlp.name}' has ${mlp.outputs}`,
      {
        hint: 'build the MLP with sizes ending in 1',
      },
    );
  }
  const g = new GraphBuilder();
  const out = addMlp(g, mlp, ONNX_INPUT, mlp.name);
  finishScores(g, out);
  return encode(g, mlp.name, mlp.inputs, doc);
}

/** Set encoder -> ONNX bytes (features [N, F] -> scores [N]); the unmasked forward pass. */
export function exportSetEncoderOnnx(enc: SetEncoder, doc?: string): Uint8Array {
  const g = new GraphBuilder();
  const phi = addMlp(g, enc.phi, ONNX_INPUT, 'phi');
  const ln = g.node(
    'LayerNormalization',
    [phi, constOf(g, 'ln/gain', enc.ln.gain), constOf(g, 'ln/bias', enc.ln.bias)],
    {
      axis: -1,
      epsilon: { float: enc.ln.eps },
    },
  );
  const mean = g.node('ReduceMean', [ln], { axes: [0], keepdims: 1 });
  const max = g.node('ReduceMax', [ln], { axes: [0], keepdims: 1 });
  const context = g.node('Concat', [mean, max], { axis: 1 });
  const rows = g.node('Shape', [ONNX_INPUT], { start: 0, end: 1 });
  const target = g.node('Concat', [rows, g.constInt64('one', [1], [1])], { axis: 0 });
  const tiled = g.node('Expand', [context, target]);
  const joint = g.node('Concat', [ln, tiled], { axis: 1 });
  finishScores(g, addMlp(g, enc.head, joint, 'head'));
  return encode(g, enc.name, enc.features, doc);
}

function addMlp(g: GraphBuilder, mlp: Mlp, input: string, prefix: string): string {
  let h = input;
  mlp.layers.forEach((layer, i) => {
    h = addDense(g, layer, h, `${prefix}/dense${i}`);
  });
  return h;
}

function addDense(g: GraphBuilder, layer: Dense, input: string, prefix: string): string {
  let h = g.node('MatMul', [input, constOf(g, `${prefix}/w`, layer.w)]);
  if (layer.b) h = g.node('Add', [h, constOf(g, `${prefix}/b`, layer.b)]);
  return addActivation(g, h, layer.activation, prefix);
}

function addActivation(g: GraphBuilder, x: string, act: Activation, prefix: string): string {
  switch (act) {
    case 'linear':
      return x;
    case 'relu':
      return g.node('Relu', [x]);
    case 'tanh':
      return g.node('Tanh', [x]);
    case 'sigmoid':
      return g.node('Sigmoid', [x]);
    case 'gelu': {
      const scaled = g.node('Mul', [x, g.constFloat(`${prefix}/rsqrt2`, [], [Math.SQRT1_2])]);
      const onePlus = g.node('Add', [g.node('Erf', [scaled]), g.constFloat(`${prefix}/one`, [], [1])]);
      return g.node('Mul', [g.node('Mul', [x, onePlus]), g.constFloat(`${prefix}/half`, [], [0.5])]);
    }
    case 'quickGelu': {
      const slope = g.constFloat(`${prefix}/slope`, [], [QUICK_GELU_SLOPE]);
      return g.node('Mul', [x, g.node('Sigmoid', [g.node('Mul', [x, slope])])]);
    }
  }
}

function finishScores(g: GraphBuilder, perRow: string): void {
  g.node('Reshape', [perRow, g.constInt64('flat', [1], [-1])], undefined, ONNX_OUTPUT);
}

function constOf(
  g: GraphBuilder,
  name: string,
  v: { dataSync(): ArrayLike<number>; shape: number[] },
): string {
  return g.constFloat(name, v.shape, v.dataSync() as Float32Array);
}

function encode(g: GraphBuilder, name: string, features: number, doc?: string): Uint8Array {
  return encodeModel({
    name,
    nodes: g.nodes,
    initializers: g.initializers,
    inputs: [{ name: ONNX_INPUT, dims: ['N', features] }],
    outputs: [{ name: ONNX_OUTPUT, dims: ['N'] }],
    doc,
  });
}
