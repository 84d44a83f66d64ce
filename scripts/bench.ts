// `npm run bench`: prints the figures the budgets are about. Each area adds a
// section; the site helper's page-size section joins this list when merged.
import { searchBenchSection } from './bench-search.ts';
import { run } from './run.ts';

interface BenchSection {
  title: string;
  run: () => void | Promise<void>;
}

export const sections: BenchSection[] = [{ title: 'Search (first search, time to results, recall)', run: searchBenchSection }];

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.env.SKIP_BUILD !== '1') run('npm', ['run', 'build']);
  for (const section of sections) {
    console.log(`\n## ${section.title}\n`);
    await section.run();
  }
}
