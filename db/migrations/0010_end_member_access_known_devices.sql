-- Issue 21, point 3: removing a member, or stopping or removing a team, ends
-- the members' phone sessions and unused sign-in links for good. Before,
-- they were only suspended (sessions are read through currentMemberSql):
-- reactivating the team or re-uploading the member brought an old cookie
-- back to life. Triggers, so every path — officials' forms, imports, the
-- CLI — ends access at once, in the same statement. Times in epoch ms.
CREATE TRIGGER `members_removed_end_access` AFTER UPDATE OF `removed_at` ON `members`
WHEN NEW.`removed_at` IS NOT NULL AND OLD.`removed_at` IS NULL BEGIN
	DELETE FROM `member_sessions` WHERE `member_id` = NEW.`id`;
	UPDATE `member_sign_in_links` SET `revoked_at` = CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
	WHERE `member_id` = NEW.`id` AND `used_at` IS NULL AND `revoked_at` IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `teams_stopped_end_access` AFTER UPDATE OF `active`, `removed_at` ON `teams`
WHEN (NEW.`active` = 0 AND OLD.`active` <> 0) OR (NEW.`removed_at` IS NOT NULL AND OLD.`removed_at` IS NULL) BEGIN
	DELETE FROM `member_sessions` WHERE `member_id` IN (SELECT `id` FROM `members` WHERE `team_id` = NEW.`id`);
	UPDATE `member_sign_in_links` SET `revoked_at` = CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
	WHERE `member_id` IN (SELECT `id` FROM `members` WHERE `team_id` = NEW.`id`) AND `used_at` IS NULL AND `revoked_at` IS NULL;
END;
--> statement-breakpoint
-- Sessions and links already suspended by an earlier removal end now.
DELETE FROM `member_sessions` WHERE `member_id` IN (
	SELECT m.`id` FROM `members` m JOIN `teams` t ON t.`id` = m.`team_id`
	WHERE m.`removed_at` IS NOT NULL OR t.`active` = 0 OR t.`removed_at` IS NOT NULL
);
--> statement-breakpoint
UPDATE `member_sign_in_links` SET `revoked_at` = CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
WHERE `used_at` IS NULL AND `revoked_at` IS NULL AND `member_id` IN (
	SELECT m.`id` FROM `members` m JOIN `teams` t ON t.`id` = m.`team_id`
	WHERE m.`removed_at` IS NOT NULL OR t.`active` = 0 OR t.`removed_at` IS NOT NULL
);
--> statement-breakpoint
-- Issue 21, point 2: an account under attack must not lock out its owner.
-- A browser that signed in to an account before is a known device (a random
-- cookie token, only its SHA-256 kept here): while the account's attempt
-- limit is reached, a sign-in from it is still checked. Times in epoch ms.
CREATE TABLE `official_devices` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`official_id` integer NOT NULL REFERENCES `officials`(`id`),
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `official_devices_official_idx` ON `official_devices` (`official_id`);
