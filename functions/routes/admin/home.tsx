import { ui } from '../../../site/i18n/ui.ts';
import { Hono } from 'hono';
import type { Child } from 'hono/jsx';
import { adminDirectoryUi, adminUi } from '../../../site/i18n/admin-ui.ts';
import { CsrfField, csrfToken } from '../../auth/csrf.tsx';
import { officials, provinceFromPath } from '../../auth/guard.ts';
import type { AdminEnv } from '../../auth/middleware.ts';
import { mustUseTwoFactor, roleLabels, type Official } from '../../auth/official.ts';
import { AdminHomeLink, adminPage } from '../../auth/pages.tsx';
import { provinceCodePattern } from '../../directory/schemas.ts';
import { Notice } from '../../views/notice.tsx';
import { doneNotice } from './done-notice.tsx';

const t = adminUi;
const d = adminDirectoryUi;

export const adminHome = new Hono<AdminEnv>();

/** The public usage report of the official's scope. */
function reportsUrl(official: Official): string {
  if (official.role === 'commune') return `/thong-ke/${official.provinceCode}/${official.communeCode}/`;
  if (official.role === 'province') return `/thong-ke/${official.provinceCode}/`;
  return '/thong-ke/';
}

interface UnitRow {
  code: string;
  name: string;
  teams: number;
}

function UnitList({ heading, units, href }: { heading: string; units: UnitRow[]; href: (code: string) => string }) {
  return (
    <>
      <h2>{heading}</h2>
      <ul class="admin-units">
        {units.map((u) => (
          <li>
            <a href={href(u.code)}>{u.name}</a> — {d.activeTeams(u.teams)}
          </li>
        ))}
      </ul>
    </>
  );
}

/** Province-level teams (no commune): edited from the province's page. */
async function ProvinceTeams({ db, provinceCode }: { db: D1Database; provinceCode: string }) {
  const teams = (
    await db
      .prepare('SELECT id, name, active FROM teams WHERE province_code = ? AND commune_code IS NULL AND removed_at IS NULL ORDER BY name')
      .bind(provinceCode)
      .all<{ id: number; name: string; active: number }>()
  ).results;
  if (teams.length === 0) return null;
  return (
    <>
      <h2>{d.provinceTeams}</h2>
      <ul>
        {teams.map((team) => (
          <li>
            <a href={`/quan-tri/to/${team.id}`}>{team.name}</a>
            {team.active ? '' : ` · ${d.dissolved}`}
          </li>
        ))}
      </ul>
    </>
  );
}

const provinceCommunes = (db: D1Database, provinceCode: string) =>
  db
    .prepare(
      `SELECT c.code, c.name, count(t.id) AS teams FROM communes c
       LEFT JOIN teams t ON t.commune_code = c.code AND t.active = 1
       WHERE c.province_code = ? GROUP BY c.code ORDER BY c.name`,
    )
    .bind(provinceCode)
    .all<UnitRow>();

adminHome.get('/', officials(), async (c) => {
  const official = c.get('official');
  const db = c.var.db;
  const csrf = csrfToken(c);
  let units: Child;
  if (official.role === 'national') {
    const rows = await db
      .prepare(
        'SELECT p.code, p.name, (SELECT count(*) FROM teams t WHERE t.province_code = p.code AND t.active = 1) AS teams FROM provinces p ORDER BY p.name',
      )
      .all<UnitRow>();
    units = <UnitList heading={d.provinces} units={rows.results} href={(code) => `/quan-tri/tinh/${code}`} />;
  } else if (official.role === 'province') {
    units = (
      <>
        {await ProvinceTeams({ db, provinceCode: official.provinceCode! })}
        <UnitList heading={d.communes} units={(await provinceCommunes(db, official.provinceCode!)).results} href={(code) => `/quan-tri/xa/${code}`} />
      </>
    );
  } else {
    const commune = await db.prepare('SELECT name FROM communes WHERE code = ?').bind(official.communeCode).first<{ name: string }>();
    units = (
      <p>
        <a class="button" href={`/quan-tri/xa/${official.communeCode}`}>
          {d.teams} — {commune?.name ?? official.communeCode}
        </a>
      </p>
    );
  }
  return adminPage(c, {
    title: t.areaName,
    main: (
      <>
        <h1>{t.areaName}</h1>
        <p>
          {official.displayName} — {roleLabels[official.role]}
        </p>
        {mustUseTwoFactor(official) && !official.twoFactorEnabled && (
          <Notice tone="warning">
            {t.twoFactor.required} <a href="/quan-tri/hai-buoc/cai-dat">{t.twoFactor.setupLink}</a>
          </Notice>
        )}
        <nav aria-label={t.areaName}>
          <ul>
            <li>
              <a href="/quan-tri/nhap/">{d.nav.import}</a>
            </li>
            <li>
              <a href="/quan-tri/xuat">{d.nav.export}</a>
            </li>
            <li>
              <a href={reportsUrl(official)}>{d.nav.reports}</a>
            </li>
            <li>
              <a href="/quan-tri/ho-tro/">{ui.assistsAdmin.title}</a>
            </li>
            <li>
              <a href="/quan-tri/canh-bao/">{ui.alerts.adminTitle}</a>
            </li>
            <li>
              <a href="/quan-tri/lich/">{ui.roster.adminTitle}</a>
            </li>
            <li>
              <a href="/quan-tri/nhat-ky">{d.nav.audit}</a>
            </li>
            {official.role !== 'commune' && (
              <li>
                <a href="/quan-tri/tai-khoan">{d.nav.accounts}</a>
              </li>
            )}
            <li>
              <a href="/quan-tri/bao-mat">{d.nav.security}</a>
            </li>
          </ul>
        </nav>
        {units}
        <SignOutForms csrf={csrf} />
      </>
    ),
  });
});

function SignOutForms({ csrf }: { csrf: string }) {
  return (
    <form method="post" action="/quan-tri/dang-xuat">
      <CsrfField token={csrf} />
      <button type="submit" class="button-secondary">
        {t.signOut}
      </button>
    </form>
  );
}

adminHome.get('/tinh/:code', officials({ scope: provinceFromPath('code') }), async (c) => {
  const code = c.req.param('code');
  const province = provinceCodePattern.test(code)
    ? await c.var.db.prepare('SELECT code, name FROM provinces WHERE code = ?').bind(code).first<{ code: string; name: string }>()
    : null;
  if (!province) return adminPage(c, { title: 'Không tìm thấy', status: 404, main: <h1>Không tìm thấy</h1> });
  const communes = (await provinceCommunes(c.var.db, province.code)).results;
  const done = await doneNotice(c);
  return adminPage(c, {
    title: province.name,
    main: (
      <>
        <AdminHomeLink />
        <h1>{province.name}</h1>
        {done}
        {await ProvinceTeams({ db: c.var.db, provinceCode: province.code })}
        <UnitList heading={d.communes} units={communes} href={(cc) => `/quan-tri/xa/${cc}`} />
      </>
    ),
  });
});
