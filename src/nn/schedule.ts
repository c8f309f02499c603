/**
 * Learning-rate schedules as plain serialisable specs (they go into configs and checkpoints).
 * `step` is the 0-based index of the update about to be made.
 */
import { AgoraError, z } from '../core/index.js';

export type LrSchedule =
  | { readonly kind: 'constant'; readonly lr: number }
  | { readonly kind: 'warmup'; readonly lr: number; readonly warmupSteps: number }
  | {
      readonly kind: 'cosine';
      readonly lr: number;
      readonly totalSteps: number;
      readonly warmupSteps?: number;
      readonly minLr?: number;
    }
  | {
      readonly kind: 'linear';
      readonly lr: number;
      readonly totalSteps: number;
      readonly warmupSteps?: number;
      readonly endLr?: number;
    };

const positive = z.number().positive();
const steps = z.number().int().nonnegative();

/** zod schema for configs that embed a schedule. */
export const lrScheduleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('constant'), lr: positive }),
  z.object({ kind: z.literal('warmup'), lr: positive, warmupSteps: steps }),
  z.object({
    kind: z.literal('cosine'),
    lr: positive,
    totalSteps: steps,
    warmupSteps: steps.optional(),
    minLr: z.number().nonnegative().optional(),
  }),
  z.object({
    kind: z.literal('linear'),
    lr: positive,
    totalSteps: steps,
    warmupSteps: steps.optional(),
    endLr: z.number().nonnegative().optional(),
  }),
]);

/** Learning rate for update number `step` (0-based). A number means a constant rate. */
export function learningRate(schedule: LrSchedule | number, step: number): number {
  if (typeof schedule === 'number') return schedule;
  const warm = schedule.kind === 'constant' ? 0 : (schedule.warmupSteps ?? 0);
  if (step < warm) return (schedule.lr * (step + 1)) / warm;
  switch (schedule.kind) {
    case 'constant':
    case 'warmup':
      return schedule.lr;
    case 'cosine': {
      const p = progress(step, warm, schedule.totalSteps);
      const min = schedule.minLr ?? 0;
      return min + (schedule.lr - min) * 0.5 * (1 + Math.cos(Math.PI * p));
    }
    case 'linear': {
      const p = progress(step, warm, schedule.totalSteps);
      return schedule.lr + ((schedule.endLr ?? 0) - schedule.lr) * p;
    }
    default:
      throw new AgoraError('INVALID_ARGUMENT', `unknown learning-rate schedule ${JSON.stringify(schedule)}`, {
        hint: "use kind 'constant', 'warmup', 'cosine' or 'linear'",
      });
  }
}

function progress(step: number, warm: number, total: number): number {
  if (total <= warm) return 1;
  return Math.min(1, Math.max(0, (step - warm) / (total - warm)));
}
