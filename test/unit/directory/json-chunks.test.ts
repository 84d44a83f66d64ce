import { describe, expect, it } from 'vitest';
import { chunkItems, jsonChunks } from '../../../functions/directory/json-chunks.ts';

describe('jsonChunks', () => {
  it('splits items into JSON arrays under the byte limit, counting UTF-8 bytes, keeping order', () => {
    const items = Array.from({ length: 500 }, (_, i) => ({ i, name: `Tổ công nghệ số cộng đồng thôn ${i}` }));
    const chunks = jsonChunks(items, 2000);
    expect(chunks.length).toBeGreaterThan(5);
    for (const chunk of chunks) expect(Buffer.byteLength(chunk)).toBeLessThanOrEqual(2000);
    expect(chunks.flatMap((chunk) => JSON.parse(chunk) as unknown[])).toEqual(items);
  });

  it('keeps the items of each chunk with it', () => {
    const chunks = chunkItems(['a', 'b', 'c'], 9);
    expect(chunks.map((c) => c.items)).toEqual([['a', 'b'], ['c']]);
    expect(chunks.map((c) => c.json)).toEqual(['["a","b"]', '["c"]']);
  });

  it('refuses an item that can never fit', () => {
    expect(() => jsonChunks(['x'.repeat(100)], 50)).toThrow(/larger/);
  });
});
