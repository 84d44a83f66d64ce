// OWNER: search (issue 3). Search-as-you-type for the search page and for the
// search box on every page. Loaded on demand (see SearchBox.astro).
import { searchUi } from '../../i18n/ui.ts';
import { SEARCH_STYLES as STYLES } from './search-styles.ts';
import { loadPagefind, searchErrors, searchGuides, type SearchHit, type SearchOutcome, type TextPart } from './search.ts';

const DEBOUNCE_MS = 180;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function injectStyles(): void {
  if (document.getElementById('search-styles')) return;
  const style = el('style');
  style.id = 'search-styles';
  style.textContent = STYLES;
  document.head.appendChild(style);
}

function appendParts(parent: HTMLElement, parts: TextPart[]): void {
  for (const part of parts) {
    parent.appendChild(part.mark ? el('mark', undefined, part.text) : document.createTextNode(part.text));
  }
}

function resultItem(hit: SearchHit): HTMLLIElement {
  const item = el('li', 'search-result');
  const link = el('a', 'search-result-title');
  link.href = hit.url;
  appendParts(link, hit.title);
  item.appendChild(link);
  if (hit.excerpt.length > 0) {
    const excerpt = el('p', 'search-result-excerpt');
    appendParts(excerpt, hit.excerpt);
    item.appendChild(excerpt);
  }
  if (hit.topic) item.appendChild(el('p', 'search-result-topic', `${searchUi.topicLabel} ${hit.topic}`));
  return item;
}

/** What the status says when the results are the nearest, not an exact match. */
function nearMissNotes({ nearMiss }: SearchOutcome): string[] {
  if (!nearMiss) return [];
  return [
    ...nearMiss.mended.map(([typed, meant]) => searchUi.nearMissMended(typed, meant)),
    ...(nearMiss.dropped.length > 0 ? [searchUi.nearMissDropped(nearMiss.dropped)] : []),
    ...(nearMiss.someWords ? [searchUi.nearMissSomeWords] : []),
  ];
}

export interface SearchView {
  form: HTMLFormElement;
  input: HTMLInputElement;
  /** The list of guides found (carries data-testid="search-results"). */
  list: HTMLElement;
  /** Polite live region: "Có 3 hướng dẫn…", "Chưa có hướng dẫn nào…". */
  status: HTMLElement;
  /** Shown when nothing is found: suggestions of topics and the team directory. */
  empty: HTMLElement;
  /** How many guides to show at first. */
  limit: number;
  /** Matching topics, if the view shows them (a section holding a <ul>). */
  topics?: HTMLElement;
  /** Error entries (/tra-loi/) whose wording holds the query, shown above the guides (a <ul>). */
  errors?: HTMLElement;
  /** A "show more" button, if the view has one. */
  moreButton?: HTMLButtonElement;
  /** Called after each rendered search (empty query included). */
  onRender?: (outcome: SearchOutcome) => void;
  /** Search in place on Enter (the search page) instead of submitting the form (the box goes to /tim-kiem/). */
  searchOnSubmit?: boolean;
}

/** Wires an input to live results: debounced, stale answers dropped, arrow keys move through results. */
export function attachSearch(view: SearchView): { run: (query: string) => Promise<void> } {
  const { form, input, list, status, empty, topics, errors, moreButton } = view;
  injectStyles();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let latest = 0;
  let current: SearchOutcome | undefined;

  function updateMore(): void {
    if (!moreButton || !current) return;
    const left = current.total - list.children.length;
    moreButton.hidden = left <= 0;
    moreButton.textContent = searchUi.showMore(Math.min(left, view.limit));
  }

  function render(outcome: SearchOutcome): void {
    current = outcome;
    const query = outcome.query.trim();
    list.replaceChildren(...outcome.guides.map(resultItem));
    list.hidden = outcome.guides.length === 0;
    if (topics) {
      (topics.querySelector('ul') ?? topics).replaceChildren(...outcome.topics.map(resultItem));
      topics.hidden = outcome.topics.length === 0;
    }
    empty.hidden = query === '' || outcome.total > 0;
    status.textContent =
      query === '' ? '' : outcome.total > 0 ? [searchUi.resultCount(outcome.total, query), ...nearMissNotes(outcome)].join(' ') : searchUi.noResults(query);
    updateMore();
    view.onRender?.(outcome);
  }

  function renderErrors(hits: SearchHit[]): void {
    if (!errors) return;
    errors.replaceChildren(...hits.map(resultItem));
    errors.hidden = hits.length === 0;
  }

  async function run(query: string): Promise<void> {
    const ticket = ++latest;
    if (query.trim() === '') {
      renderErrors([]);
      render({ query: '', guides: [], total: 0, topics: [], more: async () => [] });
      return;
    }
    status.textContent = searchUi.loading;
    // The error entries never wait for, nor depend on, Pagefind.
    if (errors) void searchErrors(query).then((hits) => ticket === latest && renderErrors(hits));
    try {
      const outcome = await searchGuides(query, view.limit, { withTopics: topics !== undefined });
      if (ticket === latest) render(outcome);
    } catch (error) {
      console.error(error);
      if (ticket === latest) status.textContent = searchUi.error;
    }
  }

  moreButton?.addEventListener('click', async () => {
    if (!current) return;
    const outcome = current;
    const next = await outcome.more(view.limit);
    if (outcome !== current) return;
    const items = next.map(resultItem);
    for (const item of items) list.appendChild(item);
    updateMore();
    items[0]?.querySelector('a')?.focus(); // keyboard and screen reader users land on the first new result
  });
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(input.value), DEBOUNCE_MS);
  });
  if (view.searchOnSubmit) {
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      clearTimeout(timer);
      void run(input.value);
    });
  }
  // Arrow keys: from the box into the results and back; Tab works as usual.
  form.parentElement?.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const links = [...list.querySelectorAll<HTMLAnchorElement>('a')];
    if (links.length === 0) return;
    const at = links.indexOf(document.activeElement as HTMLAnchorElement);
    if (event.target === input && event.key === 'ArrowDown') links[0]?.focus();
    else if (at >= 0) (event.key === 'ArrowDown' ? links[at + 1] : (links[at - 1] ?? input))?.focus();
    else return;
    event.preventDefault();
  });
  return { run };
}

/** The search page /tim-kiem/: reads ?q=, keeps the address in step with the box. */
export function startSearchPage(): void {
  const form = document.querySelector<HTMLFormElement>('#search-page-form');
  const input = document.querySelector<HTMLInputElement>('#search-page-q');
  const list = document.querySelector<HTMLElement>('#search-page-results');
  const status = document.querySelector<HTMLElement>('#search-page-status');
  const empty = document.querySelector<HTMLElement>('#search-page-empty');
  const topics = document.querySelector<HTMLElement>('#search-page-topics') ?? undefined;
  const errors = document.querySelector<HTMLElement>('#search-page-errors') ?? undefined;
  const moreButton = document.querySelector<HTMLButtonElement>('#search-page-more') ?? undefined;
  const allGuides = document.querySelector<HTMLElement>('#search-page-all');
  if (!form || !input || !list || !status || !empty) return;
  void loadPagefind().catch(() => undefined);
  const search = attachSearch({
    form,
    input,
    list,
    status,
    empty,
    topics,
    errors,
    moreButton,
    limit: 8,
    searchOnSubmit: true,
    onRender(outcome) {
      const query = outcome.query.trim();
      if (allGuides) allGuides.hidden = query !== '';
      const url = new URL(location.href);
      if (query) url.searchParams.set('q', query);
      else url.searchParams.delete('q');
      history.replaceState(null, '', url);
    },
  });
  const query = new URL(location.href).searchParams.get('q') ?? '';
  if (query) {
    input.value = query;
    void search.run(query);
  }
}

/** The search box on every page: results drop down under it. */
export function enhanceSearchBox(form: HTMLFormElement): void {
  const input = form.querySelector<HTMLInputElement>('input[name="q"]');
  if (!input || form.dataset.enhanced) return;
  form.dataset.enhanced = 'true';
  void loadPagefind().catch(() => undefined);

  const panel = el('div', 'search-box-panel');
  panel.id = `${input.id}-panel`;
  panel.hidden = true;
  const status = el('p', 'search-box-status');
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  const list = el('ol', 'search-results');
  list.dataset.testid = 'search-results';
  list.setAttribute('aria-label', searchUi.resultsLabel);
  const empty = el('ul', 'search-empty');
  empty.hidden = true;
  for (const [href, text] of [
    ['/tim-kiem/', searchUi.browseTopics],
    ['/to-cong-nghe-so/', searchUi.askTeam],
  ] as const) {
    const link = el('a', undefined, text);
    link.href = href;
    empty.appendChild(el('li')).appendChild(link);
  }
  const errors = el('ul', 'search-errors');
  errors.hidden = true;
  errors.setAttribute('aria-label', searchUi.errorsLabel);
  const all = el('a', 'search-box-all');
  for (const part of [status, errors, list, empty, all]) panel.appendChild(part);
  form.insertAdjacentElement('afterend', panel);
  // aria-controls only: aria-expanded is not allowed on a search box (it is
  // not a combobox); the live status tells screen readers what appeared.
  input.setAttribute('aria-controls', panel.id);

  const show = (open: boolean) => {
    panel.hidden = !open;
  };
  const search = attachSearch({
    form,
    input,
    list,
    status,
    empty,
    errors,
    limit: 5,
    onRender(outcome) {
      const query = outcome.query.trim();
      all.href = `/tim-kiem/?q=${encodeURIComponent(query)}`;
      all.textContent = searchUi.seeAllResults(outcome.total);
      all.hidden = outcome.total <= outcome.guides.length;
      show(query !== '');
    },
  });
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      show(false);
      input.focus();
    }
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') show(false);
  });
  document.addEventListener('click', (event) => {
    if (!form.contains(event.target as Node) && !panel.contains(event.target as Node)) show(false);
  });
  if (input.value.trim() !== '') void search.run(input.value);
}
