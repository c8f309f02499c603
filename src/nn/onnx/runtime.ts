/**
 * Inference of exported score heads with onnxruntime-node (CPU). The runtime is loaded on first
 * use, so importing nn/ does not load the native library.
 */
import { readFileSync } from 'node:fs';
import type * as Ort from 'onnxruntime-node';
import { AgoraError } from '../../core/index.js';
import { ONNX_INPUT, ONNX_OUTPUT } from './export.js';

let ortModule: Promise<typeof Ort> | undefined;

function ort(): Promise<typeof Ort> {
  ortModule ??= import('onnxruntime-node');
  return ortModule;
}

export interface OnnxScorerOptions {
  /** Intra-op threads (default 1: workers parallelise across processes/threads instead). */
  readonly threads?: number;
}

/** A loaded `features [N, F] -> scores [N]` model. */
export class OnnxScorer {
  private constructor(
    private readonly session: Ort.InferenceSession,
    private readonly tensorCtor: typeof Ort.Tensor,
    /** Feature count F, read from the model's input shape. */
    readonly features: number,
  ) {}

  /** Load from ONNX bytes or a file path. */
  static async create(model: Uint8Array | string, options: OnnxScorerOptions = {}): Promise<OnnxScorer> {
    const o = await ort();
    const bytes = typeof model === 'string' ? readModel(model) : model;
    const threads = options.threads ?? 1;
    let session: Ort.InferenceSession;
    try {
      session = await o.InferenceSession.create(bytes, { intraOpNumThreads: threads, interOpNumThreads: 1 });
    } catch (e) {
      throw new AgoraError('DATA_READ', `onnxruntime could not load the model: ${(e as Error).message}`, {
        file: typeof model === 'string' ? model : undefined,
        hint: 'export the model again with exportMlpOnnx / exportSetEncoderOnnx',
      });
    }
    return new OnnxScorer(session, o.Tensor, inputFeatures(session));
  }

  /** Scores for `n` assets; `features` is row-major [n, F]. */
  async score(features: Float32Array, n: number): Promise<Float32Array> {
    if (n < 1 || features.length !== n * this.features) {
      throw new AgoraError(
        'INVALID_ARGUMENT',
        `features has ${features.length} values, expected ${n} x ${this.features}`,
        {
          hint: 'pass one row of F features per asset, row-major',
        },
      );
    }
    const input = new this.tensorCtor('float32', features, [n, this.features]);
    const out = await this.session.run({ [ONNX_INPUT]: input });
    return out[ONNX_OUTPUT].data as Float32Array;
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}

function readModel(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new AgoraError('NOT_FOUND', `cannot read ONNX model: ${(e as Error).message}`, { file: path });
  }
}

function inputFeatures(session: Ort.InferenceSession): number {
  const meta = session.inputMetadata?.find((m) => m.name === ONNX_INPUT);
  const shape = meta && 'shape' in meta ? (meta.shape as readonly (number | string)[]) : undefined;
  const f = shape?.[1];
  if (typeof f !== 'number' || !session.outputNames.includes(ONNX_OUTPUT)) {
    throw new AgoraError('DATA_READ', `model must map '${ONNX_INPUT}' [N, F] to '${ONNX_OUTPUT}' [N]`, {
      hint: 'use a model written by exportMlpOnnx / exportSetEncoderOnnx',
    });
  }
  return f;
}
