import { foldVietnamese } from '../../site/utils/fold.ts';

/** Longest query accepted: a commune and village name fit easily. */
export const SEARCH_MAX_LENGTH = 100;
const MAX_TOKENS = 8;
export const SEARCH_COMMUNE_LIMIT = 20;
export const SEARCH_VILLAGE_LIMIT = 30;
export const SEARCH_TEAM_LIMIT = 20;

/**
 * Words of a query, folded like the stored name_folded columns (no
 * diacritics, đ → d, lower case). Punctuation and apostrophes split words, so
 * "Ea H'Leo" finds "Ea H’Leo" whichever apostrophe was typed or stored.
 */
export function searchWords(query: string): string[] {
  return foldVietnamese(query)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/**
 * The words nearly every team's name starts with, "Tổ công nghệ số (cộng
 * đồng)", folded. The team index leaves them out (migration 0022): indexed,
 * "tổ", "công" and "đồng" matched every team in the country, and each search
 * holding one of them merged and scored that whole list.
 */
const TEAM_NAME_LEAD = ['to', 'cong', 'nghe', 'so', 'cong', 'dong'];
/** Where the index cuts the lead: after "so" or after "dong" (0022). */
const TEAM_NAME_LEAD_ENDS = [6, 4];

/**
 * The words with the team-name lead taken off the front, as the team index
 * stores names, so typing a team's whole name still finds it — and finds its
 * village and commune too, whose names never held the lead. A query that is
 * only (the start of) the lead, at least "to cong", names no place: nothing
 * is left. "to dan pho 1" keeps its "to".
 */
function withoutTeamNameLead(words: string[]): string[] {
  const leads = (n: number) => words.length >= n && TEAM_NAME_LEAD.slice(0, n).every((w, i) => words[i] === w);
  const end = TEAM_NAME_LEAD_ENDS.find(leads);
  if (end !== undefined) return words.slice(end);
  // Still typing it: every word is the lead's, the last one perhaps half typed.
  const typingLead =
    words.length >= 2 &&
    words.length <= TEAM_NAME_LEAD.length &&
    words.every((w, i) => (i === words.length - 1 ? TEAM_NAME_LEAD[i]!.startsWith(w) : TEAM_NAME_LEAD[i] === w)) &&
    words[1] === 'cong';
  return typingLead ? [] : words;
}

/** Words to look for: the query's words without the team-name lead, each once, at most eight. */
export function searchTokens(query: string): string[] {
  return [...new Set(withoutTeamNameLead(searchWords(query)))].slice(0, MAX_TOKENS);
}

/**
 * The FTS5 query: every token as a quoted prefix ("ea"* "kao"*), i.e. each
 * word must start a word of the name or of its commune's or province's name.
 * Tokens hold only letters and digits (searchTokens), so quoting makes any
 * word — AND, NEAR, a 60-letter word — a plain term: no visitor query can be
 * an FTS syntax error, and there is no LIKE pattern to grow too complex.
 */
export function ftsQuery(tokens: string[]): string {
  return tokens.map((t) => `"${t.replaceAll('"', '""')}"*`).join(' ');
}

/** How many tokens start a word of the place's own (folded) name: the final order. */
function ownNameScore(nameFolded: string, tokens: string[]): number {
  const words = nameFolded.split(/[^\p{L}\p{N}]+/u);
  return tokens.filter((t) => words.some((w) => w.startsWith(t))).length;
}

const collator = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });

export interface CommuneHit {
  code: string;
  name: string;
  provinceCode: string;
  provinceName: string;
  provinceKind: string;
}

export interface VillageHit {
  id: number;
  name: string;
  kind: string;
  communeCode: string;
  communeName: string;
  provinceCode: string;
  provinceName: string;
  provinceKind: string;
  hasTeam: boolean;
}

export interface TeamHit {
  id: number;
  name: string;
  communeCode: string | null;
  communeName: string | null;
  provinceCode: string;
  provinceName: string;
  provinceKind: string;
}

/**
 * The rows of an FTS table a search shows (?1 every word anywhere, ?2 every
 * word in the place's own name), as `id`, best first. Rows whose own name
 * holds every word come first, in index order: there is no ranking to
 * compute for them, and a common query ("thon 5", "to dan pho 1") has
 * thousands. Only when they are fewer than the limit are the other matches
 * ranked to fill it (SQLite skips that scan when the count says it is not
 * needed), by how many of the typed words their own name holds: the query's
 * words are marked in the own column (highlight, char(1) before each) and the
 * marks counted, so "buon ea kao" picks Buôn Ea Kao before Buôn Cư Dluê of
 * Ea Kao. Not bm25: its weights need, per word, a count of every row holding
 * it, a pass over the whole list of "to", "an" or "2" on every search — 3 to
 * 9 times the rest of the search's index work (issue 20). A row in both
 * lists counts once. `live` joins the rows still in the directory, before
 * the limit.
 */
function bestMatches(fts: string, id: string, live: string, limit: number): string {
  return `WITH own AS (SELECT ${id} AS id FROM ${fts} ${live} WHERE ${fts} MATCH ?2 LIMIT ${limit}),
    ranked AS (SELECT ${id} AS id, length(${fts}.own) - length(highlight(${fts}, 0, char(1), '')) AS rank FROM ${fts} ${live}
               WHERE ${fts} MATCH ?1 AND (SELECT count(*) FROM own) < ${limit} ORDER BY rank, ${id} LIMIT ${limit})
    SELECT id FROM (SELECT id, 0 AS tier, 0 AS rank FROM own UNION ALL SELECT id, 1, rank FROM ranked)
    GROUP BY id ORDER BY min(tier), min(rank) LIMIT ${limit}`;
}

// The FTS index picks the rows first (bestMatches), so the joins and the
// "has a team" check run for the shown rows only. Villages removed from the
// directory (missing from a later list) keep their index entry but are left
// out before the limit.
const COMMUNE_SEARCH = `
SELECT c.code, c.name, c.name_folded AS nameFolded, p.code AS provinceCode, p.name AS provinceName, p.kind AS provinceKind
FROM (${bestMatches('commune_search', 'commune_search.code', '', SEARCH_COMMUNE_LIMIT)}) s
JOIN communes c ON c.code = s.id
JOIN provinces p ON p.code = c.province_code`;

const VILLAGE_SEARCH = `
SELECT v.id, v.name, v.kind, v.name_folded AS nameFolded, c.code AS communeCode, c.name AS communeName,
       p.code AS provinceCode, p.name AS provinceName, p.kind AS provinceKind,
       EXISTS (SELECT 1 FROM teams t WHERE t.village_id = v.id AND t.active = 1) AS hasTeam
FROM (${bestMatches('village_search', 'village_search.rowid', 'JOIN villages live ON live.id = village_search.rowid AND live.removed_at IS NULL', SEARCH_VILLAGE_LIMIT)}) s
JOIN villages v ON v.id = s.id
JOIN communes c ON c.code = v.commune_code
JOIN provinces p ON p.code = c.province_code`;

// Teams active and in the directory only (a removed or dissolved team is no team to find).
const TEAM_SEARCH = `
SELECT t.id, t.name, t.name_folded AS nameFolded, t.commune_code AS communeCode, c.name AS communeName,
       p.code AS provinceCode, p.name AS provinceName, p.kind AS provinceKind
FROM (${bestMatches('team_search', 'team_search.rowid', 'JOIN teams live ON live.id = team_search.rowid AND live.removed_at IS NULL AND live.active = 1', SEARCH_TEAM_LIMIT)}) s
JOIN teams t ON t.id = s.id
LEFT JOIN communes c ON c.code = t.commune_code
JOIN provinces p ON p.code = t.province_code`;

/**
 * Communes, villages and teams whose names (with their commune and province names)
 * contain every word of the query, typed with or without diacritics; the
 * places whose own name holds most of the words come first.
 */
export async function searchPlaces(db: D1Database, tokens: string[]): Promise<{ communes: CommuneHit[]; villages: VillageHit[]; teams: TeamHit[] }> {
  if (tokens.length === 0) return { communes: [], villages: [], teams: [] };
  const match = ftsQuery(tokens);
  const ownName = `own : (${match})`;
  const [communeRows, villageRows, teamRows] = await db.batch<Record<string, unknown>>([
    db.prepare(COMMUNE_SEARCH).bind(match, ownName),
    db.prepare(VILLAGE_SEARCH).bind(match, ownName),
    db.prepare(TEAM_SEARCH).bind(match, ownName),
  ]);
  // Best match first; then "Thôn 2" before "Thôn 10", as people count.
  const ranked = <T extends { name: string; nameFolded: string }>(rows: T[]) =>
    rows
      .map((r) => ({ row: r, score: ownNameScore(r.nameFolded, tokens) }))
      .sort((a, b) => b.score - a.score || collator.compare(a.row.name, b.row.name))
      .map(({ row: { nameFolded: _nameFolded, ...rest } }) => rest);
  return {
    communes: ranked((communeRows?.results ?? []) as unknown as (CommuneHit & { nameFolded: string })[]),
    villages: ranked((villageRows?.results ?? []) as unknown as (Omit<VillageHit, 'hasTeam'> & { hasTeam: number | boolean; nameFolded: string })[]).map(
      (v) => ({ ...v, hasTeam: Boolean(v.hasTeam) }),
    ),
    teams: ranked((teamRows?.results ?? []) as unknown as (TeamHit & { nameFolded: string })[]),
  };
}
