import { and, asc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { DrizzleD1Database } from 'drizzle-orm/d1';
import { communes, provinces, teams, villages } from '../../db/schema/directory.ts';
import { foldVietnamese } from '../../site/utils/fold.ts';

/** Longest query accepted: a commune and village name fit easily. */
export const SEARCH_MAX_LENGTH = 100;
const MAX_TOKENS = 8;
export const SEARCH_COMMUNE_LIMIT = 20;
export const SEARCH_VILLAGE_LIMIT = 30;

/**
 * Words to look for, folded like the stored name_folded columns (no
 * diacritics, đ → d, lower case). Punctuation and apostrophes split words, so
 * "Ea H'Leo" finds "Ea H’Leo" whichever apostrophe was typed or stored.
 */
export function searchTokens(query: string): string[] {
  const words = foldVietnamese(query)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
  return [...new Set(words)].slice(0, MAX_TOKENS);
}

/** LIKE pattern matching `token` at the start of a word, with LIKE's wildcards taken literally. */
export function wordPrefixPattern(token: string): string {
  return `% ${token.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

// A leading space lets the first word match too; apostrophes and hyphens in
// stored names count as word breaks.
function spaced(text: SQL): SQL {
  return sql`(' ' || replace(replace(replace(${text}, '’', ' '), '''', ' '), '-', ' '))`;
}

function tokenMatches(text: SQL, token: string): SQL {
  return sql`${spaced(text)} like ${wordPrefixPattern(token)} escape '\\'`;
}

/** Every token starts a word somewhere in the text. */
function allTokensMatch(text: SQL, tokens: string[]): SQL | undefined {
  return and(...tokens.map((t) => tokenMatches(text, t)));
}

/**
 * How many tokens start a word of the place's own name (not its commune's or
 * province's): "buon ea kao" ranks Buôn Ea Kao above Buôn Cư Dluê of Ea Kao.
 */
function ownNameScore(name: SQL, tokens: string[]): SQL<number> {
  const terms = tokens.map((t) => sql`(case when ${tokenMatches(name, t)} then 1 else 0 end)`);
  return sql<number>`(${sql.join(terms, sql` + `)})`.mapWith(Number);
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

/**
 * Communes and villages whose names (with their commune and province names)
 * contain every word of the query, typed with or without diacritics; the
 * places whose own name holds most of the words come first.
 */
export async function searchPlaces(
  db: DrizzleD1Database,
  tokens: string[],
): Promise<{ communes: CommuneHit[]; villages: VillageHit[] }> {
  if (tokens.length === 0) return { communes: [], villages: [] };
  const provinceCode = sql<string>`${provinces.code}`.as('province_code_');
  const provinceName = sql<string>`${provinces.name}`.as('province_name_');
  const provinceKind = sql<string>`${provinces.kind}`.as('province_kind_');
  const [communeRows, villageRows] = await db.batch([
    db
      .select({
        code: communes.code,
        name: communes.name,
        provinceCode,
        provinceName,
        provinceKind,
        score: ownNameScore(sql`${communes.nameFolded}`, tokens).as('score'),
      })
      .from(communes)
      .innerJoin(provinces, eq(provinces.code, communes.provinceCode))
      .where(allTokensMatch(sql`${communes.nameFolded} || ' ' || ${provinces.nameFolded}`, tokens))
      .orderBy(sql`score desc`, asc(communes.nameFolded))
      .limit(SEARCH_COMMUNE_LIMIT),
    db
      .select({
        id: villages.id,
        name: villages.name,
        kind: villages.kind,
        communeCode: sql<string>`${communes.code}`.as('commune_code_'),
        communeName: sql<string>`${communes.name}`.as('commune_name_'),
        provinceCode,
        provinceName,
        provinceKind,
        hasTeam: sql<number>`exists (select 1 from ${teams} where ${teams.villageId} = ${villages.id} and ${teams.active} = 1)`
          .mapWith(Boolean)
          .as('has_team'),
        score: ownNameScore(sql`${villages.nameFolded}`, tokens).as('score'),
      })
      .from(villages)
      .innerJoin(communes, eq(communes.code, villages.communeCode))
      .innerJoin(provinces, eq(provinces.code, communes.provinceCode))
      .where(
        and(
          isNull(villages.removedAt),
          allTokensMatch(sql`${villages.nameFolded} || ' ' || ${communes.nameFolded} || ' ' || ${provinces.nameFolded}`, tokens),
        ),
      )
      .orderBy(sql`score desc`, asc(villages.nameFolded), asc(communes.nameFolded))
      .limit(SEARCH_VILLAGE_LIMIT),
  ]);
  // Best match first; then "Thôn 2" before "Thôn 10", as people count.
  const byRank = (a: { name: string; score: number }, b: { name: string; score: number }) =>
    b.score - a.score || collator.compare(a.name, b.name);
  return {
    communes: communeRows.sort(byRank).map(({ score: _score, ...c }) => c),
    villages: villageRows.sort(byRank).map(({ score: _score, ...v }) => v),
  };
}
