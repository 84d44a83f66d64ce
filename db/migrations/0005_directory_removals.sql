-- Issue 8: an import is the complete list of every commune it contains, so
-- villages, teams and members missing from it are removed from public view —
-- kept with the date of their removal, so past usage reports still add up.
ALTER TABLE `villages` ADD `removed_at` text;--> statement-breakpoint
ALTER TABLE `teams` ADD `removed_at` text;--> statement-breakpoint
ALTER TABLE `members` ADD `removed_at` text;--> statement-breakpoint
-- Identities are unique among the rows still in the directory only: a removed
-- row never blocks a new one (e.g. a member renamed, by member code, to the
-- name of one who left), and coverage counts read these partial indexes alone.
DROP INDEX `villages_commune_name_uq`;--> statement-breakpoint
CREATE UNIQUE INDEX `villages_commune_name_uq` ON `villages` (`commune_code`,`name_folded`) WHERE `removed_at` IS NULL;--> statement-breakpoint
DROP INDEX `teams_place_name_uq`;--> statement-breakpoint
CREATE UNIQUE INDEX `teams_place_name_uq` ON `teams` (`place_key`,`name_folded`) WHERE `removed_at` IS NULL;--> statement-breakpoint
DROP INDEX `members_team_name_uq`;--> statement-breakpoint
CREATE UNIQUE INDEX `members_team_name_uq` ON `members` (`team_id`,`name_folded`) WHERE `removed_at` IS NULL;--> statement-breakpoint
-- Invariants every writer must keep (the import, the admin pages), checked by
-- the database itself: a removed team is never active (so everything that
-- counts or lists active teams leaves it out), and a removed member keeps no
-- phone and no consent to publish one (Decree 13: gone everywhere at once).
CREATE TRIGGER `teams_removed_inactive_ins` BEFORE INSERT ON `teams`
WHEN NEW.`removed_at` IS NOT NULL AND NEW.`active` <> 0
BEGIN SELECT RAISE(ABORT, 'a removed team must not be active'); END;--> statement-breakpoint
CREATE TRIGGER `teams_removed_inactive_upd` BEFORE UPDATE ON `teams`
WHEN NEW.`removed_at` IS NOT NULL AND NEW.`active` <> 0
BEGIN SELECT RAISE(ABORT, 'a removed team must not be active'); END;--> statement-breakpoint
CREATE TRIGGER `members_removed_no_phone_ins` BEFORE INSERT ON `members`
WHEN NEW.`removed_at` IS NOT NULL AND (NEW.`phone` IS NOT NULL OR NEW.`publish_contact` <> 0)
BEGIN SELECT RAISE(ABORT, 'a removed member keeps no phone and no consent'); END;--> statement-breakpoint
CREATE TRIGGER `members_removed_no_phone_upd` BEFORE UPDATE ON `members`
WHEN NEW.`removed_at` IS NOT NULL AND (NEW.`phone` IS NOT NULL OR NEW.`publish_contact` <> 0)
BEGIN SELECT RAISE(ABORT, 'a removed member keeps no phone and no consent'); END;
