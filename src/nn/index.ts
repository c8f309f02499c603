/**
 * nn: networks and training on tfjs (wasm backend). Call `await initBackend()` once per thread
 * before building networks. `tf` is the tfjs namespace with the wasm backend registered.
 */

export { ACTIVATIONS, type Activation, activate, fastTanh, QUICK_GELU_SLOPE } from './activation.js';
export { Adam, type AdamOptions, AdamW, type OptimizerState, prefixParams, type StepResult } from './adam.js';
export { CausalSelfAttention } from './attention.js';
export { assertBackend, type BackendInfo, backendInfo, initBackend } from './backend.js';
export {
  CHECKPOINT_FORMAT,
  type CheckpointData,
  type CheckpointParts,
  hasCheckpoint,
  loadCheckpoint,
  restoreCheckpoint,
  type SaveInput,
  saveCheckpoint,
} from './checkpoint.js';
export { clipByGlobalNorm, globalNorm } from './clip.js';
export { Dense, type DenseOptions, Mlp, type MlpOptions } from './dense.js';
export { type InitKind, type InitSpec, initValues } from './init.js';
export { Lstm, LstmLayer, type LstmState } from './lstm.js';
export { affine, matMul, matMulT } from './matmul.js';
export { Module, type Param, type WeightEntry } from './module.js';
export { Embedding, LayerNorm } from './norm.js';
export { exportMlpOnnx, exportSetEncoderOnnx, ONNX_INPUT, ONNX_OUTPUT } from './onnx/export.js';
export { encodeModel, GraphBuilder, ONNX_IR_VERSION, ONNX_OPSET, type OnnxGraph } from './onnx/model.js';
export { OnnxScorer, type OnnxScorerOptions } from './onnx/runtime.js';
export { type LrSchedule, learningRate, lrScheduleSchema } from './schedule.js';
export { SetEncoder, type SetEncoderConfig } from './set_encoder.js';
export * as tf from './tf.js';
export {
  CausalTransformer,
  sinusoidalTable,
  TransformerBlock,
  type TransformerConfig,
} from './transformer.js';
