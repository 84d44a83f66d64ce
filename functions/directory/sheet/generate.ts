import { directoryColumns, type ColumnKey } from './columns.ts';
import type { VillageKind } from './fields.ts';
import type { OfficialCommune } from '../units/official-units.ts';

/**
 * A synthetic national directory for scale tests, over the real communes:
 * by default about 100,000 villages, 80,000 teams and 400,000 members (a
 * village team in ~77% of villages, one commune team per commune, 3–7 members
 * each). Deterministic for a seed. Names and phone numbers are made up
 * (phones are 0900xxxxxx); nothing here describes real people.
 */
export interface GenerateOptions {
  villages: number;
  /** Stop after this many rows (rows = members, plus villages without a team). */
  maxRows?: number;
  seed?: number;
}

/** Deterministic PRNG (mulberry32): the same seed gives the same file, and benches send the same traffic. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const surnames = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Vũ',
  'Võ',
  'Phan',
  'Trương',
  'Bùi',
  'Đặng',
  'Đỗ',
  'Ngô',
  'Hồ',
  'Dương',
  'Đinh',
  'Lý',
  'Mai',
  'Lương',
];
const middles = ['Văn', 'Thị', 'Hữu', 'Đức', 'Minh', 'Thanh', 'Ngọc', 'Quốc', 'Thu', 'Xuân', 'Hoài', 'Kim'];
const givens = [
  'An',
  'Bình',
  'Cường',
  'Dung',
  'Giang',
  'Hà',
  'Hải',
  'Hạnh',
  'Hiếu',
  'Hoa',
  'Hùng',
  'Hương',
  'Khánh',
  'Lan',
  'Linh',
  'Long',
  'Mai',
  'Minh',
  'Nam',
  'Nga',
  'Ngọc',
  'Phúc',
  'Phương',
  'Quân',
  'Sơn',
  'Tâm',
  'Thảo',
  'Thắng',
  'Trang',
  'Tùng',
  'Vân',
  'Yến',
];
const positions = [
  'Bí thư chi bộ',
  'Trưởng thôn',
  'Công an viên',
  'Đoàn viên thanh niên',
  'Hội viên Hội Liên hiệp Phụ nữ',
  'Giáo viên',
  'Nhân viên y tế',
  'Cựu chiến binh',
  '',
];

const mekong = new Set(['80', '82', '86', '91', '92', '96']);
const highlands = new Set(['52', '66', '68']);
const northernMountains = new Set(['04', '08', '11', '12', '14', '15', '19', '20']);

function villageKind(commune: OfficialCommune, next: () => number): VillageKind {
  if (commune.name.startsWith('Phường')) return mekong.has(commune.provinceCode) ? 'khóm' : next() < 0.7 ? 'tổ dân phố' : 'khu phố';
  if (mekong.has(commune.provinceCode)) return 'ấp';
  if (highlands.has(commune.provinceCode)) return next() < 0.3 ? 'buôn' : 'thôn';
  if (northernMountains.has(commune.provinceCode)) return next() < 0.4 ? 'bản' : 'thôn';
  return next() < 0.15 ? 'xóm' : 'thôn';
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function generateDirectoryRows(communes: OfficialCommune[], options: GenerateOptions): string[][] {
  const next = seededRandom(options.seed ?? 20250701);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const maxRows = options.maxRows ?? Infinity;
  const rows: string[][] = [];
  const push = (cells: Partial<Record<ColumnKey, string>>) => {
    if (rows.length < maxRows) rows.push(directoryColumns.map((column) => cells[column.key] ?? ''));
  };
  let phones = 0;
  let decisions = 0;
  const team = (base: Partial<Record<ColumnKey, string>>, size: number) => {
    decisions++;
    const day = new Date(Date.UTC(2025, 6, 1) + Math.floor(next() * 180) * 86_400_000);
    const date = `${String(day.getUTCDate()).padStart(2, '0')}/${String(day.getUTCMonth() + 1).padStart(2, '0')}/${day.getUTCFullYear()}`;
    const names = new Set<string>();
    for (let i = 0; i < size; i++) {
      let name: string;
      do name = `${pick(surnames)} ${pick(middles)} ${pick(givens)}`;
      while (names.has(name));
      names.add(name);
      const phone = next() < 0.35 ? `0900${String(++phones % 1_000_000).padStart(6, '0')}` : '';
      push({
        ...base,
        fullName: name,
        role: i === 0 ? 'Tổ trưởng' : i === 1 ? 'Tổ phó' : 'Thành viên',
        position: pick(positions),
        phone,
        publishContact: phone && next() < 0.5 ? 'Có' : 'Không',
        decisionNumber: `${decisions}/QĐ-UBND`,
        decisionDate: date,
      });
    }
  };

  // Spread the villages over the communes (in a shuffled order, so a small N
  // still covers every province), then write commune by commune.
  const order = communes.map((commune, index) => ({ commune, key: next(), index })).sort((a, b) => a.key - b.key);
  const perCommune = new Map<string, number>();
  order.forEach(({ commune }, i) => {
    const share = Math.floor(options.villages / communes.length) + (i < options.villages % communes.length ? 1 : 0);
    if (share > 0) perCommune.set(commune.code, share);
  });
  for (const commune of communes) {
    const villages = perCommune.get(commune.code);
    if (!villages || rows.length >= maxRows) continue;
    const kind = villageKind(commune, next);
    const communeLabel = commune.name.replace(/^(Xã|Phường|Đặc khu) /, '');
    for (let v = 1; v <= villages; v++) {
      const villageName = `${capitalize(kind)} ${v}`;
      const base = { communeCode: commune.code, villageName, villageKind: kind };
      if (next() < 0.77) team({ ...base, teamName: `Tổ công nghệ số cộng đồng ${villageName}` }, 3 + Math.floor(next() * 5));
      else push(base);
    }
    team({ communeCode: commune.code, teamName: `Tổ công nghệ số cộng đồng ${communeLabel}`, teamLevel: 'Xã' }, 4);
  }
  return rows;
}
