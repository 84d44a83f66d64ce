import { describe, expect, it } from 'vitest';
import { parseDbArgs, remoteD1Config } from '../../../../scripts/lib/d1.ts';

describe('database target of the scripts', () => {
  it('reads --remote and --persist-to and leaves other arguments', () => {
    expect(parseDbArgs(['list.csv', '--remote'])).toMatchObject({ target: { remote: true }, rest: ['list.csv'] });
    expect(parseDbArgs(['--persist-to', '/tmp/x', 'list.csv'])).toMatchObject({ target: { remote: false, persistTo: '/tmp/x' }, rest: ['list.csv'] });
    expect(() => parseDbArgs(['--remote', '--persist-to', '/tmp/x'])).toThrow();
  });

  it('--remote uses a config holding only the D1 binding of wrangler.toml, marked remote', () => {
    // Connecting needs Cloudflare credentials and network: only the wiring is tested here.
    const config = remoteD1Config('wrangler.toml') as { d1_databases: Record<string, unknown>[] };
    expect(config).toMatchObject({ name: 'cam-nang-so', compatibility_date: expect.any(String) });
    expect(config.d1_databases).toEqual([
      expect.objectContaining({ binding: 'DB', database_name: 'cam-nang-so', remote: true, migrations_dir: expect.stringMatching(/db\/migrations$/) }),
    ]);
  });
});
