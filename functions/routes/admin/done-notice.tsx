import type { Context } from 'hono';
import { adminDoneUi } from '../../../site/i18n/admin-ui.ts';
import type { AdminEnv } from '../../auth/middleware.ts';
import { officialCovers, type Place } from '../../auth/official.ts';
import { Notice } from '../../views/notice.tsx';

/**
 * "What happened" after a change (issue 16): the change redirects back to
 * its list with `?da=<what>&id=<row>`, and the list opens with a success
 * notice naming what changed. The URL carries only a kind and an id; the
 * names are read here, and shown only when the row is in the official's scope
 * (a crafted link shows nothing, and names nobody outside it).
 */
export const doneKinds = [
  'them-to',
  'sua-to',
  'ngung-to',
  'mo-to',
  'them-tv',
  'sua-tv',
  'go-tv',
  'thu-hoi',
  'khoa',
  'mo-khoa',
  'doi-mat-khau',
  'dat-lai-hai-buoc',
] as const;
export type DoneKind = (typeof doneKinds)[number];

/** Where a change returns: its list, with what was done. */
export const doneLocation = (path: string, kind: DoneKind, id: number) => `${path}?${new URLSearchParams({ da: kind, id: String(id) })}`;

type Row = { name: string; team: string | null; province_code: string | null; commune_code: string | null };

const queries: Record<'team' | 'member' | 'invitation' | 'official', string> = {
  team: 'SELECT name, NULL AS team, province_code, commune_code FROM teams WHERE id = ?',
  member: 'SELECT m.full_name AS name, t.name AS team, t.province_code, t.commune_code FROM members m JOIN teams t ON t.id = m.team_id WHERE m.id = ?',
  invitation: 'SELECT display_name AS name, NULL AS team, province_code, commune_code FROM invitations WHERE id = ?',
  official: 'SELECT display_name AS name, NULL AS team, province_code, commune_code FROM officials WHERE id = ?',
};
const tableOf: Record<DoneKind, keyof typeof queries> = {
  'them-to': 'team',
  'sua-to': 'team',
  'ngung-to': 'team',
  'mo-to': 'team',
  'them-tv': 'member',
  'sua-tv': 'member',
  'go-tv': 'member',
  'thu-hoi': 'invitation',
  khoa: 'official',
  'mo-khoa': 'official',
  'doi-mat-khau': 'official',
  'dat-lai-hai-buoc': 'official',
};

/** The success notice of the request's `?da=…&id=…`, or null (read before rendering: the page's JSX stays synchronous). */
export async function doneNotice(c: Context<AdminEnv>) {
  const kind = doneKinds.find((k) => k === c.req.query('da'));
  const idText = c.req.query('id') ?? '';
  if (!kind || !/^\d{1,12}$/.test(idText)) return null;
  const row = await c.var.db.prepare(queries[tableOf[kind]]).bind(Number(idText)).first<Row>();
  const place: Place | null = row ? { provinceCode: row.province_code, communeCode: row.commune_code } : null;
  // A national official's own row has no place; every row shown must be in scope.
  // One's own account is always in scope (a national admin's has no place).
  const own = tableOf[kind] === 'official' && Number(idText) === c.get('official').id;
  if (!row || !place || (!own && !officialCovers(c.get('official'), place))) return null;
  return <Notice tone="success">{adminDoneUi[kind](row.name, row.team ?? '')}</Notice>;
}
