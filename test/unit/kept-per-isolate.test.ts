import { describe, expect, it, vi } from 'vitest';
import { KeptPerIsolate } from '../../functions/kept-per-isolate.ts';

describe('KeptPerIsolate', () => {
  it('reads a key once, shared by concurrent callers, and each key apart', async () => {
    const kept = new KeptPerIsolate<string>();
    const load = vi.fn(async () => 'shell');
    const [a, b] = await Promise.all([kept.get('/khung-trang/', load), kept.get('/khung-trang/', load)]);
    expect([a, b, await kept.get('/khung-trang/', load)]).toEqual(['shell', 'shell', 'shell']);
    expect(load).toHaveBeenCalledTimes(1);
    await kept.get('/khung-trang/nghe-doc/', load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('forgets a failed read, so the next call reads again', async () => {
    const kept = new KeptPerIsolate<string>();
    await expect(kept.get('k', async () => Promise.reject(new Error('404')))).rejects.toThrow('404');
    await Promise.resolve(); // the failure's handler has run
    expect(await kept.get('k', async () => 'second')).toBe('second');
  });

  it('reads again once ttlMs has passed', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(0);
      const kept = new KeptPerIsolate<number>(1000);
      expect(await kept.get('k', async () => 1)).toBe(1);
      vi.setSystemTime(1000);
      expect(await kept.get('k', async () => 2)).toBe(1);
      vi.setSystemTime(1001);
      expect(await kept.get('k', async () => 3)).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });
});
