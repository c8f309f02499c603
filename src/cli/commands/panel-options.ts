/** Options that select and clean the panel, shared by `agora eval` and `agora backtest`. */
import type { OptionSpec } from '../command.js';

export const PANEL_SELECTION_OPTIONS: Record<string, OptionSpec> = {
  universe: {
    type: 'string',
    description: 'all (default), csi300, or a membership CSV',
    valueName: 'name',
  },
  membership: { type: 'string', description: 'membership intervals CSV for --universe', valueName: 'file' },
  'drop-bad-rows': {
    type: 'boolean',
    description: 'drop bars that break a value rule (high < low...) instead of refusing',
  },
  from: { type: 'string', description: 'first date (inclusive)', valueName: 'YYYY-MM-DD' },
  to: { type: 'string', description: 'last date (inclusive)', valueName: 'YYYY-MM-DD' },
};
