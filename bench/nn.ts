/**
 * Learning-core benchmarks on the tfjs wasm backend (one thread):
 *   1. MLP training steps/s, full batch 3000 x 64 -> 64 -> 32 -> 1, MSE + Adam; same-run
 *      baseline: the same network with tf.matMul and tf.train.adam (tfjs' stock gradients);
 *   2. LSTM (2 layers, 128 units) and causal transformer (d 64, 4 heads, 2 blocks) policy
 *      forward+backward on a batch of 256 sequences of length 20 (policy head on the last step);
 *   3. set encoder (64 features, phi [64] -> 64, head [64]) on 3000 assets: onnxruntime-node
 *      inference vs the tfjs forward pass.
 * Times are wall and process-CPU ms per call (single-threaded wasm, so CPU time is what the work
 * costs when the machine is shared). Prints one JSON object.
 * Run: npx tsx bench/nn.ts [--steps 60] [--runs 5]
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { Rng } from '../src/core/index.js';
import {
  Adam,
  backendInfo,
  CausalTransformer,
  Dense,
  exportSetEncoderOnnx,
  initBackend,
  Lstm,
  Mlp,
  type Module,
  OnnxScorer,
  SetEncoder,
  tf,
} from '../src/nn/index.js';

const { values: args } = parseArgs({ options: { steps: { type: 'string' }, runs: { type: 'string' } } });
const STEPS = Number(args.steps ?? 60);
const RUNS = Number(args.runs ?? 5);

/** Wall and process CPU milliseconds per run (CPU time is the honest number on a shared box). */
interface Timing {
  readonly wallMs: number;
  readonly cpuMs: number;
}

function timeMs(runs: number, f: () => void): Timing {
  f();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) f();
  const c = process.cpuUsage(c0);
  return { wallMs: round((performance.now() - t0) / runs), cpuMs: round((c.user + c.system) / 1000 / runs) };
}

async function timeAsyncMs(runs: number, f: () => Promise<unknown>): Promise<Timing> {
  await f();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) await f();
  const c = process.cpuUsage(c0);
  return { wallMs: round((performance.now() - t0) / runs), cpuMs: round((c.user + c.system) / 1000 / runs) };
}

function normal(shape: number[], rng: Rng): tf.Tensor {
  const v = new Float32Array(shape.reduce((a, b) => a * b, 1));
  rng.fillNormal(v);
  return tf.tensor(v, shape);
}

function mlpBench(rng: Rng) {
  const x = normal([3000, 64], rng) as tf.Tensor2D;
  const y = normal([3000, 1], rng) as tf.Tensor2D;
  const net = new Mlp('mlp', [64, 64, 32, 1], rng.stream('mlp'));
  const opt = new Adam(net, { lr: 1e-3 });
  const loss = () => tf.losses.meanSquaredError(y, net.forward(x) as tf.Tensor2D) as tf.Scalar;
  const ours = timeMs(STEPS, () => opt.minimize(loss));
  // baseline: same shapes with stock tfjs matMul gradients and tf.train.adam
  const ws = [
    [64, 64],
    [64, 32],
    [32, 1],
  ].map(([i, o]) => ({ w: tf.variable(normal([i, o], rng).mul(0.1)), b: tf.variable(tf.zeros([o])) }));
  const stock = tf.train.adam(1e-3);
  const stockLoss = () => {
    let h: tf.Tensor2D = x;
    ws.forEach(({ w, b }, i) => {
      h = tf.add(tf.matMul(h, w as tf.Tensor2D), b);
      if (i < 2) h = tf.relu(h);
    });
    return tf.losses.meanSquaredError(y, h) as tf.Scalar;
  };
  const base = timeMs(Math.max(5, Math.floor(STEPS / 3)), () => stock.minimize(stockLoss, true)?.dispose());
  return {
    network: '3000 x 64 -> 64 -> 32 -> 1, full batch, MSE, Adam',
    params: net.paramCount(),
    perStep: ours,
    stepsPerSecCpu: round(1000 / ours.cpuMs),
    stepsPerSecWall: round(1000 / ours.wallMs),
    baselineStockTfjsPerStep: base,
    speedupVsStockCpu: round(base.cpuMs / ours.cpuMs),
  };
}

function policyBench(name: string, body: Module, head: Dense, input: tf.Tensor, actions: number, rng: Rng) {
  const params = [...body.parameters(), ...head.parameters().map((p) => ({ ...p, name: `head/${p.name}` }))];
  const vars = params.map((p) => p.variable);
  const target = tf.oneHot(
    tf.tensor1d(
      Array.from({ length: 256 }, () => rng.int(actions)),
      'int32',
    ),
    actions,
  );
  const loss = () =>
    tf.tidy(() => {
      const h = body.forward(input) as tf.Tensor3D;
      const last = tf.squeeze(tf.slice(h, [0, h.shape[1] - 1, 0], [-1, 1, -1]), [1]);
      return tf.losses.softmaxCrossEntropy(target, head.forward(last)) as tf.Scalar;
    });
  const forward = timeMs(RUNS, () => tf.tidy(() => loss()).dataSync());
  const fwdBwd = timeMs(RUNS, () =>
    tf.tidy(() => {
      const { value, grads } = tf.variableGrads(loss, vars);
      value.dataSync();
      tf.dispose(grads);
    }),
  );
  const opt = new Adam(params, { lr: 1e-3, clipNorm: 0.5 });
  const step = timeMs(RUNS, () => opt.minimize(loss));
  return {
    name,
    params: body.paramCount() + head.paramCount(),
    forward,
    forwardBackward: fwdBwd,
    adamStep: step,
  };
}

async function onnxBench(rng: Rng) {
  const enc = new SetEncoder('enc', { features: 64, hidden: [64], embed: 64, head: [64] }, rng.stream('enc'));
  const x = new Float32Array(3000 * 64);
  rng.fillNormal(x);
  const scorer = await OnnxScorer.create(exportSetEncoderOnnx(enc));
  const ort = await timeAsyncMs(30, () => scorer.score(x, 3000));
  const xt = tf.tensor2d(x, [3000, 64]);
  const tfjs = timeMs(30, () => tf.tidy(() => enc.forward(xt)).dataSync());
  await scorer.release();
  return {
    assets: 3000,
    features: 64,
    params: enc.paramCount(),
    onnxruntime: ort,
    tfjsWasm: tfjs,
    tfjsOverOrtCpu: round(tfjs.cpuMs / ort.cpuMs),
  };
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}

async function main(): Promise<void> {
  await initBackend();
  const rng = new Rng('bench-nn');
  const mlp = mlpBench(rng.stream('mlp'));
  const seqRng = rng.stream('seq');
  const feats = normal([256, 20, 32], seqRng);
  const lstm = policyBench(
    'lstm 2x128, input 32, head 16',
    new Lstm('lstm', 32, 128, 2, seqRng),
    new Dense('head', 128, 16, seqRng),
    feats,
    16,
    seqRng,
  );
  const ids = tf.tensor2d(
    Array.from({ length: 256 * 20 }, () => seqRng.int(32)),
    [256, 20],
    'int32',
  );
  const tr = new CausalTransformer(
    'tr',
    { dModel: 64, heads: 4, layers: 2, maxLen: 20, vocab: 32, ffHidden: 256 },
    seqRng,
  );
  const transformer = policyBench(
    'transformer d64 h4 L2 ff256, vocab 32, head 32',
    tr,
    new Dense('head', 64, 32, seqRng),
    ids,
    32,
    seqRng,
  );
  const onnx = await onnxBench(rng.stream('onnx'));
  const result = {
    bench: 'nn',
    backend: backendInfo(),
    node: process.version,
    mlpTraining: mlp,
    sequencePolicies: { batch: 256, length: 20, lstm, transformer },
    setEncoderInference: onnx,
    loadAverage1m: round(loadavg()[0]),
    tensorsAlive: tf.memory().numTensors,
  };
  console.log(JSON.stringify(result, null, 2));
}

await main();
