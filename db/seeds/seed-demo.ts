// `npm run db:seed` (run by `npm start` and `npm run db:reset`): loads the
// official units into the local D1 if absent, then the demo directory from
// db/seeds/demo-directory.csv through the same import pipeline as real lists.
// Idempotent: a second run changes nothing. Demo teams are named "(dữ liệu
// mẫu)" and dataset_info has demo = "true"; a database that already holds
// real teams (and no demo flag) gets no demo data.
import { count, eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import { fileURLToPath } from 'node:url';
import { datasetInfo, teams } from '../schema/directory.ts';
import { parseDbArgs, withDirectoryDb } from '../../scripts/lib/d1.ts';
import { importDirectoryFile } from '../../functions/directory/import/import-file.ts';
import { formatRowError } from '../../functions/directory/import/validate.ts';
import { ensureOfficialUnits } from '../../functions/directory/units/write-units.ts';
import { seedDemoAssists } from './demo-assists.ts';
import { seedDemoConfirmations } from './demo-confirmations.ts';
import { seedDemoAlerts } from './demo-alerts.ts';
import { seedDemoRoster } from './demo-roster.ts';
import { seedDemoOutcomesAndRates } from './demo-outcomes-rates.ts';
import { demoOfficials, seedDemoOfficials } from './demo-officials.ts';

const demoCsvPath = fileURLToPath(new URL('./demo-directory.csv', import.meta.url));
const demoInfoKey = 'demo';

const { target } = parseDbArgs(process.argv.slice(2));
// One connection for the whole seed: the demo list is a few dozen rows, so the
// import's short-session split (for national files) would only cost two more
// workerd start-ups on every `npm start`.
await withDirectoryDb(target, async ({ d1, target: where }) => {
  const units = await ensureOfficialUnits(d1);
  console.log(units === 'loaded' ? `✔ Official units loaded into ${where}.` : `✔ Official units already in ${where}.`);
  const db = drizzle(d1);
  const [flag] = await db.select().from(datasetInfo).where(eq(datasetInfo.key, demoInfoKey));
  const [{ teamCount } = { teamCount: 0 }] = await db.select({ teamCount: count() }).from(teams);
  if (teamCount > 0 && flag?.value !== 'true') {
    console.log('• The directory holds real teams: no demo data added.');
    return;
  }
  const result = await importDirectoryFile((work) => work(d1), demoCsvPath, { datasetInfo: { [demoInfoKey]: 'true' } });
  if (!result.ok) {
    for (const error of result.errors) console.error(formatRowError(error));
    throw new Error(`${demoCsvPath} is not a valid team list`);
  }
  const { after, changed } = result.summary;
  console.log(
    `✔ Demo directory: ${after.villages} villages, ${after.teams} teams, ${after.members} members (${changed.villages + changed.teams + changed.members} rows changed).`,
  );
  const assists = await seedDemoAssists(d1);
  console.log(
    assists ? `✔ Demo assists: ${assists.entries} entries over 8 weeks, ${assists.targets} targets.` : '• Assists already recorded: no demo assists added.',
  );
  const confirmed = await seedDemoConfirmations(d1);
  console.log(
    confirmed
      ? `✔ Demo confirmations: ${confirmed.confirmations} citizens confirmed ${confirmed.entries} entries.`
      : '• Confirmations already recorded: none added.',
  );
  const alerts = await seedDemoAlerts(d1); // issue 18
  console.log(alerts ? `✔ Demo scam alerts: ${alerts.alerts} current, passed on ${alerts.marks} times.` : '• Scam alerts already there: no demo alerts added.');
  const roster = await seedDemoRoster(d1);
  console.log(
    roster
      ? `✔ Demo roster (issue 17): ${roster.shifts} shifts and ${roster.sessions} sessions around today.`
      : '• Shifts already planned: no demo roster added.',
  );
  // Issue 23: outcomes with stall reasons, allowance rates, a burst for the honesty checks.
  const trust = await seedDemoOutcomesAndRates(d1);
  if (trust)
    console.log(
      `✔ Demo outcomes: ${trust.outcomes} entries with an outcome, rates for ${trust.rates} provinces, ${trust.burst} entries for the honesty checks.`,
    );
});

// Demo officials: only ever in a local database (see demo-officials.ts).
if (target.remote) console.log('• --remote: no demo accounts (they exist only in local databases).');
else
  await withDirectoryDb(target, async ({ d1 }) => {
    const added = await seedDemoOfficials(d1);
    console.log(`✔ Demo accounts (${added} added): ${demoOfficials.map((o) => o.username).join(', ')} — see README.`);
  });
