/**
 * Build outputs the Worker reads from its assets (the page shells, the CSP
 * hashes, the guide catalog) change only with a deploy, which starts new
 * isolates: each is read once per isolate (or per `ttlMs`) and kept as a
 * promise, so concurrent first requests share one read. A failed read is not
 * kept: the next request tries again.
 */
export class KeptPerIsolate<T> {
  readonly #kept = new Map<string, { at: number; value: Promise<T> }>();
  readonly #ttlMs: number;

  constructor(ttlMs = Number.POSITIVE_INFINITY) {
    this.#ttlMs = ttlMs;
  }

  get(key: string, load: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const kept = this.#kept.get(key);
    if (kept && now - kept.at <= this.#ttlMs) return kept.value;
    const value = load();
    this.#kept.set(key, { at: now, value });
    value.catch(() => {
      if (this.#kept.get(key)?.value === value) this.#kept.delete(key);
    });
    return value;
  }
}
