import { stringify } from 'yaml';
import { importReport } from '../../plan/import-report.js';
import { importPlan } from '../../plan/importer.js';
import { parseArgs, stringFlag } from '../args.js';
import { type CliCommand, EXIT_OK, UsageError } from '../command.js';
import { readPlanFile } from '../read-document.js';

export const importCommand: CliCommand = {
  name: 'import',
  usage: 'import FILE [--year N] [--json | --report]',
  summary:
    'turn a 工作要点 (.txt, .docx or .html) into a plan (YAML, or JSON with --json); --report: what to review first',
  async run(argv, io) {
    const args = parseArgs(argv, { valued: ['year'], switches: ['json', 'report'] });
    const [file, ...extra] = args.positional;
    if (!file || extra.length > 0)
      throw new UsageError('usage: duban import FILE [--year N] [--json | --report]');
    const yearText = stringFlag(args, 'year');
    const year = yearText === undefined ? undefined : Number(yearText);
    if (year !== undefined && !(Number.isInteger(year) && year >= 1990 && year <= 2100)) {
      throw new UsageError(`--year ${yearText}: expected a year such as 2024`);
    }
    const document = await readPlanFile(file);
    const result = importPlan(document.text, {
      ...(year === undefined ? {} : { year }),
      ...(document.lineNames ? { lineNames: document.lineNames } : {}),
    });
    if (args.flags.has('report')) {
      // The review comes instead of the plan: its warnings are in it, so stderr stays quiet.
      io.out(importReport(result, file));
      return EXIT_OK;
    }
    const { plan, warnings } = result;
    for (const w of warnings)
      io.err(`warning: ${file} ${w.where ?? `第${w.line}行`}: ${w.message}: ${w.text}\n`);
    io.out(args.flags.has('json') ? `${JSON.stringify(plan, null, 2)}\n` : stringify(plan, { lineWidth: 0 }));
    return EXIT_OK;
  },
};
