/**
 * Config schemas with zod. `parseConfig` turns zod's issues into one AgoraError that names the
 * source and every offending path, so a bad config file is refused with a message for people.
 */
import { z } from 'zod';
import { AgoraError } from './errors.js';

export { z };

export function parseConfig<S extends z.ZodType>(schema: S, input: unknown, source = 'config'): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const path = issue.path.length > 0 ? issue.path.join('.') : '(root)';
    return `  ${path}: ${issue.message}`;
  });
  throw new AgoraError('CONFIG_INVALID', `invalid ${source}:\n${lines.join('\n')}`, {
    file: source,
    hint: 'correct the fields listed above; see --help or docs/ for the accepted values',
  });
}
