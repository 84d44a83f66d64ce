import { and, eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import { communes, members, provinces, teams, villages } from '../../db/schema/directory.ts';
import { currentMember, publishedPhone } from '../directory/lookups.ts';

/**
 * What anyone holding a member code may see: the code is printed in share links,
 * so it is public, and so is this. The phone number only with the member's consent;
 * nothing at all for a member removed from the directory.
 */
export async function findPublicMember(db: D1Database, code: string) {
  const [row] = await drizzle(db)
    .select({
      code: members.code,
      fullName: members.fullName,
      role: members.role,
      phone: publishedPhone,
      teamName: teams.name,
      villageName: villages.name,
      communeName: communes.name,
      provinceName: provinces.name,
    })
    .from(members)
    .innerJoin(teams, eq(teams.id, members.teamId))
    .innerJoin(provinces, eq(provinces.code, teams.provinceCode))
    .leftJoin(communes, eq(communes.code, teams.communeCode))
    .leftJoin(villages, eq(villages.id, teams.villageId))
    .where(and(eq(members.code, code), currentMember))
    .limit(1);
  if (!row) return null;
  const { villageName, communeName, provinceName, ...rest } = row;
  return { ...rest, place: [villageName, communeName, provinceName].filter(Boolean).join(', ') };
}

/** Named apart from the directory's PublicMember (functions/directory/lookups.ts): this one carries the team and place. */
export type ToolkitMember = NonNullable<Awaited<ReturnType<typeof findPublicMember>>>;
