/** `agora report <run dir>`: re-render charts (SVG, PNG) and report.html from results.json. */
import { resolve } from 'node:path';
import { AgoraError } from '../../core/index.js';
import { renderReport } from '../../eval/index.js';
import type { LeafCommand } from '../command.js';

export const reportCommand: LeafCommand = {
  name: 'report',
  summary: 're-render the charts and HTML report of an eval or backtest run directory',
  usage: '<run dir>',
  details: 'Reads <run dir>/results.json and writes charts/*.svg, charts/*.png and report.html.',
  options: {},
  async run(args, io) {
    const dir = args.positionals[0];
    if (!dir)
      throw new AgoraError('INVALID_ARGUMENT', 'missing <run dir>', { hint: 'agora report runs/<id>' });
    const rep = await renderReport(resolve(dir));
    for (const c of rep.charts) io.out(`${c.png} (${c.width}x${c.height})`);
    io.out(`report: ${rep.html}`);
    return 0;
  },
};
