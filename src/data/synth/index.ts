/** Synthetic markets: deterministic by seed, with a separate ground-truth object. */
export {
  type AlphaSpec,
  barsPerDay,
  parseSynthConfig,
  REGIME_NAMES,
  type RegimeName,
  type RegimeSpec,
  type SynthConfig,
  type SynthConfigInput,
  synthConfigSchema,
} from './config.js';
export { type GenerateOptions, generateMarket, MAX_CN_ASSETS } from './generate.js';
export { meanIC as synthMeanIC, rowIC as synthRowIC } from './ic.js';
export {
  generatePreset,
  listPresets,
  presetConfig,
  type SizeOverrides,
  SYNTH_PRESETS,
  type SynthPreset,
} from './presets.js';
export { type PlantedSignalTruth, signalFormula } from './signals.js';
export type { SynthMarket, SynthTruth } from './truth.js';
export { truthToJSON } from './truth-json.js';
