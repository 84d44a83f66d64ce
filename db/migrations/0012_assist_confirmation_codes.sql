-- Citizens confirm the help they got (issue 23): the codes members show, and
-- confirmed counts kept beside people helped. Hand-written (see db/schema/assists.ts).
--
-- One code per assist entry, made when the member first shows it (a POST),
-- valid 30 minutes. The code is 8 Crockford base32 characters (40 random bits),
-- like members' public codes: short enough to type, too many to guess under the
-- per-address rate limit. It is not secret once shown, and grants nothing but
-- the right to confirm that one entry, up to its number of people.
CREATE TABLE `assist_confirmation_codes` (
	`code` text PRIMARY KEY NOT NULL,
	`assist_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`assist_id`) REFERENCES `assists`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
CREATE UNIQUE INDEX `assist_confirmation_codes_assist_uq` ON `assist_confirmation_codes` (`assist_id`);
--> statement-breakpoint
-- Confirmed people per entry and per province, day and task, kept the way
-- people helped already are (triggers, same transaction): reports read the
-- same rows and index ranges as before, never a year of confirmations.
ALTER TABLE `assists` ADD `confirmed` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
ALTER TABLE `assist_province_days` ADD `confirmed` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
UPDATE `assists` SET `confirmed` = (SELECT count(*) FROM `assist_confirmations` c WHERE c.`assist_id` = `assists`.`id`)
WHERE `id` IN (SELECT `assist_id` FROM `assist_confirmations`);
--> statement-breakpoint
UPDATE `assist_province_days` SET `confirmed` = (
	SELECT coalesce(sum(a.`confirmed`), 0) FROM `assists` a
	WHERE a.`province_code` = `assist_province_days`.`province_code` AND a.`day` = `assist_province_days`.`day`
	  AND a.`task` = `assist_province_days`.`task` AND a.`voided_at` IS NULL
);
--> statement-breakpoint
-- A confirmation moves its entry's count; the entry's count moves the rollup.
CREATE TRIGGER `assist_confirmations_ai` AFTER INSERT ON `assist_confirmations` BEGIN
	UPDATE `assists` SET `confirmed` = `confirmed` + 1 WHERE `id` = NEW.`assist_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `assist_confirmations_ad` AFTER DELETE ON `assist_confirmations` BEGIN
	UPDATE `assists` SET `confirmed` = `confirmed` - 1 WHERE `id` = OLD.`assist_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `assists_confirmed_au` AFTER UPDATE OF `confirmed` ON `assists` WHEN NEW.`voided_at` IS NULL BEGIN
	INSERT INTO `assist_province_days` (`province_code`, `day`, `task`, `people`, `confirmed`) VALUES (NEW.`province_code`, NEW.`day`, NEW.`task`, 0, NEW.`confirmed` - OLD.`confirmed`)
	ON CONFLICT (`province_code`, `day`, `task`) DO UPDATE SET `confirmed` = `confirmed` + excluded.`confirmed`;
END;
--> statement-breakpoint
-- An entry that changes task, day or province, or is voided, takes its confirmations along (as assists_au_old/new do its people).
CREATE TRIGGER `assists_confirmed_move_old` AFTER UPDATE OF `task`, `day`, `voided_at`, `province_code` ON `assists` WHEN OLD.`voided_at` IS NULL AND OLD.`confirmed` > 0 BEGIN
	UPDATE `assist_province_days` SET `confirmed` = `confirmed` - OLD.`confirmed`
	WHERE `province_code` = OLD.`province_code` AND `day` = OLD.`day` AND `task` = OLD.`task`;
END;
--> statement-breakpoint
CREATE TRIGGER `assists_confirmed_move_new` AFTER UPDATE OF `task`, `day`, `voided_at`, `province_code` ON `assists` WHEN NEW.`voided_at` IS NULL AND NEW.`confirmed` > 0 BEGIN
	INSERT INTO `assist_province_days` (`province_code`, `day`, `task`, `people`, `confirmed`) VALUES (NEW.`province_code`, NEW.`day`, NEW.`task`, 0, NEW.`confirmed`)
	ON CONFLICT (`province_code`, `day`, `task`) DO UPDATE SET `confirmed` = `confirmed` + excluded.`confirmed`;
END;
--> statement-breakpoint
CREATE TRIGGER `assists_confirmed_ad` AFTER DELETE ON `assists` WHEN OLD.`voided_at` IS NULL AND OLD.`confirmed` > 0 BEGIN
	UPDATE `assist_province_days` SET `confirmed` = `confirmed` - OLD.`confirmed`
	WHERE `province_code` = OLD.`province_code` AND `day` = OLD.`day` AND `task` = OLD.`task`;
END;
--> statement-breakpoint
-- The report indexes stay covering with the new column.
DROP INDEX `assists_commune_idx`;
--> statement-breakpoint
CREATE INDEX `assists_commune_idx` ON `assists` (`commune_code`,`day`,`task`,`people`,`team_id`,`village_id`,`confirmed`) WHERE `voided_at` IS NULL;
--> statement-breakpoint
DROP INDEX `assists_team_idx`;
--> statement-breakpoint
CREATE INDEX `assists_team_idx` ON `assists` (`team_id`,`day`,`task`,`people`,`confirmed`) WHERE `voided_at` IS NULL;
--> statement-breakpoint
DROP INDEX `assists_province_idx`;
--> statement-breakpoint
CREATE INDEX `assists_province_idx` ON `assists` (`province_code`,`day`,`commune_code`,`team_id`,`people`,`confirmed`) WHERE `voided_at` IS NULL;
--> statement-breakpoint
DROP INDEX `assist_province_days_day_idx`;
--> statement-breakpoint
CREATE INDEX `assist_province_days_day_idx` ON `assist_province_days` (`day`,`task`,`people`,`confirmed`);
