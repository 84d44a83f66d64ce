// `npm run directory:generate -- --villages 100000 --out <file.csv>` (or
// `--rows 10000`): a synthetic national team list over the real communes, for
// scale tests and `npm run bench`. Made-up names, phones 0900xxxxxx.
import { parseArgs } from 'node:util';
import { generateDirectoryRows } from '../functions/directory/sheet/generate.ts';
import { readOfficialUnits } from '../functions/directory/units/official-units.ts';
import { writeSheetFile } from '../functions/directory/sheet/sheet-file.ts';

const { values } = parseArgs({
  options: { villages: { type: 'string' }, rows: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string' } },
});
const whole = (text: string | undefined) => (text === undefined ? undefined : /^\d+$/.test(text) ? Number(text) : NaN);
const rows = whole(values.rows);
// About 4.1 rows (members, or a village without a team) per village.
const villages = whole(values.villages) ?? (rows === undefined ? undefined : Math.ceil(rows / 4));
if (!values.out || villages === undefined || Number.isNaN(villages) || Number.isNaN(rows)) {
  console.error('Usage: npm run directory:generate -- (--villages N | --rows N) --out <file.csv|file.xlsx> [--seed S]');
  process.exit(2);
}
const started = performance.now();
const generated = generateDirectoryRows(readOfficialUnits().communes, {
  villages,
  ...(rows === undefined ? {} : { maxRows: rows }),
  ...(values.seed ? { seed: Number(values.seed) } : {}),
});
await writeSheetFile(values.out, generated);
console.log(`✔ ${generated.length} rows (${villages} villages) → ${values.out} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
