import { env } from 'cloudflare:test';

/**
 * A small directory for usage tests: two provinces, communes, teams at
 * commune and village level, members with share codes. Codes are made up.
 */
export const fixture = {
  province: { code: '91', name: 'Tỉnh Thử Nghiệm' },
  otherProvince: { code: '92', name: 'Thành phố Thử Nghiệm' },
  commune: { code: '91001', name: 'Xã An Bình' },
  otherCommune: { code: '91002', name: 'Phường Hoà Lạc' },
  farCommune: { code: '92001', name: 'Xã Bến Đò' },
  teams: { anBinh: 9101, thonDong: 9102, hoaLac: 9103, benDo: 9201 },
  // Shaped like generated codes (db/directory/member-code.ts): 8 characters of Crockford base32.
  members: { lan: 'VAN7Q2BX', minh: 'M1NH4K8Z', hoa: 'H0A3X9QR', tuan: 'TVAN5P1D' },
};

export async function insertDirectoryFixture(): Promise<void> {
  const f = fixture;
  await env.DB.batch([
    env.DB.prepare('INSERT OR IGNORE INTO provinces (code, name, kind, name_folded) VALUES (?, ?, ?, ?), (?, ?, ?, ?)').bind(
      f.province.code, f.province.name, 'Tỉnh', 'tinh thu nghiem',
      f.otherProvince.code, f.otherProvince.name, 'Thành phố Trung Ương', 'thanh pho thu nghiem',
    ),
    env.DB.prepare('INSERT OR IGNORE INTO communes (code, province_code, name, name_folded) VALUES (?, ?, ?, ?), (?, ?, ?, ?), (?, ?, ?, ?)').bind(
      f.commune.code, f.province.code, f.commune.name, 'xa an binh',
      f.otherCommune.code, f.province.code, f.otherCommune.name, 'phuong hoa lac',
      f.farCommune.code, f.otherProvince.code, f.farCommune.name, 'xa ben do',
    ),
    env.DB.prepare("INSERT OR IGNORE INTO villages (id, commune_code, name, kind, name_folded) VALUES (9101, ?, 'Thôn Đông', 'thôn', 'thon dong')").bind(f.commune.code),
    env.DB.prepare(
      `INSERT OR IGNORE INTO teams (id, level, name, name_folded, province_code, commune_code, village_id, place_key) VALUES
       (?, 'commune', 'Tổ công nghệ số xã An Bình', 'to cong nghe so xa an binh', ?, ?, NULL, ?),
       (?, 'village', 'Tổ công nghệ số thôn Đông', 'to cong nghe so thon dong', ?, NULL, 9101, 'v:9101'),
       (?, 'commune', 'Tổ công nghệ số phường Hoà Lạc', 'to cong nghe so phuong hoa lac', ?, ?, NULL, ?),
       (?, 'commune', 'Tổ công nghệ số xã Bến Đò', 'to cong nghe so xa ben do', ?, ?, NULL, ?)`,
    ).bind(
      f.teams.anBinh, f.province.code, f.commune.code, `c:${f.commune.code}`,
      f.teams.thonDong, f.province.code,
      f.teams.hoaLac, f.province.code, f.otherCommune.code, `c:${f.otherCommune.code}`,
      f.teams.benDo, f.otherProvince.code, f.farCommune.code, `c:${f.farCommune.code}`,
    ),
    env.DB.prepare(
      `INSERT OR IGNORE INTO members (code, team_id, full_name, name_folded, role) VALUES
       (?, ?, 'Nguyễn Thị Lan', 'nguyen thi lan', 'to_truong'),
       (?, ?, 'Trần Văn Minh', 'tran van minh', 'thanh_vien'),
       (?, ?, 'Lê Thị Hoa', 'le thi hoa', 'thanh_vien'),
       (?, ?, 'Phạm Văn Tuấn', 'pham van tuan', 'to_pho')`,
    ).bind(f.members.lan, f.teams.anBinh, f.members.minh, f.teams.thonDong, f.members.hoa, f.teams.hoaLac, f.members.tuan, f.teams.benDo),
  ]);
}
