-- Members record the help they give (issue 9). Hand-written (see db/schema/assists.ts).
--
-- Sign-in links and sessions of team members: only the SHA-256 of each random
-- token is stored, so a copy of the database signs nobody in. A member's
-- public code (share links) is never a credential.
CREATE TABLE `member_sign_in_links` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`member_id` integer NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`revoked_at` integer,
	`issued_by` text NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `member_sign_in_links_token_uq` ON `member_sign_in_links` (`token_hash`);
--> statement-breakpoint
CREATE INDEX `member_sign_in_links_member_idx` ON `member_sign_in_links` (`member_id`);
--> statement-breakpoint
CREATE TABLE `member_sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`member_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `member_sessions_member_idx` ON `member_sessions` (`member_id`);
--> statement-breakpoint
-- One row per entry a member records: what (task), how many people, which
-- day. Nothing about the citizens helped. The team and its place are copied
-- at recording time, so a member moving team later does not move past help.
CREATE TABLE `assists` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`member_id` integer NOT NULL,
	`team_id` integer NOT NULL,
	`province_code` text NOT NULL,
	`commune_code` text,
	`village_id` integer,
	`task` text NOT NULL,
	`people` integer NOT NULL,
	`day` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`voided_at` integer,
	`voided_by` text,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "assists_people_ck" CHECK("assists"."people" between 1 and 50)
);
--> statement-breakpoint
CREATE INDEX `assists_member_idx` ON `assists` (`member_id`,`day`);
--> statement-breakpoint
-- Covering indexes of the place reports (commune, team, province breakdowns).
CREATE INDEX `assists_commune_idx` ON `assists` (`commune_code`,`day`,`task`,`people`,`team_id`,`village_id`) WHERE `voided_at` IS NULL;
--> statement-breakpoint
CREATE INDEX `assists_team_idx` ON `assists` (`team_id`,`day`,`task`,`people`) WHERE `voided_at` IS NULL;
--> statement-breakpoint
CREATE INDEX `assists_province_idx` ON `assists` (`province_code`,`day`,`commune_code`,`team_id`,`people`) WHERE `voided_at` IS NULL;
--> statement-breakpoint
-- People helped per province, day and task, kept by the triggers below in the
-- same transaction as every write to assists: the national and province
-- reports read at most 34 × 366 × 12 rows instead of a year of entries.
CREATE TABLE `assist_province_days` (
	`province_code` text NOT NULL,
	`day` text NOT NULL,
	`task` text NOT NULL,
	`people` integer NOT NULL,
	PRIMARY KEY(`province_code`, `day`, `task`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `assist_province_days_day_idx` ON `assist_province_days` (`day`,`task`,`people`);
--> statement-breakpoint
CREATE TRIGGER `assists_ai` AFTER INSERT ON `assists` WHEN NEW.`voided_at` IS NULL BEGIN
	INSERT INTO `assist_province_days` (`province_code`, `day`, `task`, `people`) VALUES (NEW.`province_code`, NEW.`day`, NEW.`task`, NEW.`people`)
	ON CONFLICT (`province_code`, `day`, `task`) DO UPDATE SET `people` = `people` + excluded.`people`;
END;
--> statement-breakpoint
CREATE TRIGGER `assists_ad` AFTER DELETE ON `assists` WHEN OLD.`voided_at` IS NULL BEGIN
	UPDATE `assist_province_days` SET `people` = `people` - OLD.`people`
	WHERE `province_code` = OLD.`province_code` AND `day` = OLD.`day` AND `task` = OLD.`task`;
END;
--> statement-breakpoint
CREATE TRIGGER `assists_au_old` AFTER UPDATE OF `people`, `task`, `day`, `voided_at`, `province_code` ON `assists` WHEN OLD.`voided_at` IS NULL BEGIN
	UPDATE `assist_province_days` SET `people` = `people` - OLD.`people`
	WHERE `province_code` = OLD.`province_code` AND `day` = OLD.`day` AND `task` = OLD.`task`;
END;
--> statement-breakpoint
CREATE TRIGGER `assists_au_new` AFTER UPDATE OF `people`, `task`, `day`, `voided_at`, `province_code` ON `assists` WHEN NEW.`voided_at` IS NULL BEGIN
	INSERT INTO `assist_province_days` (`province_code`, `day`, `task`, `people`) VALUES (NEW.`province_code`, NEW.`day`, NEW.`task`, NEW.`people`)
	ON CONFLICT (`province_code`, `day`, `task`) DO UPDATE SET `people` = `people` + excluded.`people`;
END;
--> statement-breakpoint
-- Targets per national indicator: a province's (commune_code '') or a
-- commune's. `denominator` (e.g. the adult population) turns progress into a
-- percentage. '' rather than NULL keeps the unique key meaningful in SQLite.
CREATE TABLE `assist_targets` (
	`indicator` text NOT NULL,
	`province_code` text NOT NULL,
	`commune_code` text DEFAULT '' NOT NULL,
	`target` integer NOT NULL,
	`denominator` integer,
	`set_by` text NOT NULL,
	`set_by_role` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`indicator`, `province_code`, `commune_code`),
	FOREIGN KEY (`province_code`) REFERENCES `provinces`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "assist_targets_target_ck" CHECK("assist_targets"."target" > 0),
	CONSTRAINT "assist_targets_denominator_ck" CHECK("assist_targets"."denominator" IS NULL OR "assist_targets"."denominator" > 0)
);
