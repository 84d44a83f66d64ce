-- National "most active teams" over any period (issue 20): for each closed
-- day, every team's share clicks from the first counted day up to and
-- including it, encoded in one text (functions/usage/team-totals.ts). A
-- period's clicks per team are then two rows, one minus the other (its last
-- day's totals minus those of the day before it starts), plus today's clicks
-- summed: about 0.3 MB of text on the synthetic national year, where SQLite
-- would group a year of usage_daily (over a million rows) by team.
-- The Cron Trigger adds the next day's row from the day before's and that
-- day's usage_daily rows. A share click written, corrected or deleted on a
-- day deletes that day's row and every later one (they all include it), and
-- counts as a write (usage_team_totals_writes) when it falls on or before the
-- last day the Cron Trigger is adding (`building_to`, set before it reads): it
-- writes its rows only if no such write happened since it read. Reports sum usage_daily for the days after the newest row.
-- A row therefore always says what usage_daily says. Hand-written: drizzle
-- cannot express triggers.
CREATE TABLE `usage_team_totals` (
	`day` text PRIMARY KEY NOT NULL,
	`teams` text NOT NULL
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `usage_team_totals_writes` (
	`id` integer PRIMARY KEY NOT NULL,
	`writes` integer DEFAULT 0 NOT NULL,
	`building_to` text
);
--> statement-breakpoint
INSERT INTO `usage_team_totals_writes` (`id`, `writes`) VALUES (1, 0);
--> statement-breakpoint
CREATE TRIGGER `usage_daily_team_totals_ai` AFTER INSERT ON `usage_daily`
WHEN NEW.`kind` = 'share_click' AND NEW.`team_id` <> 0 BEGIN
	DELETE FROM `usage_team_totals` WHERE `day` >= NEW.`day`;
	UPDATE `usage_team_totals_writes` SET `writes` = `writes` + 1
	WHERE `id` = 1 AND NEW.`day` <= `building_to`;
END;
--> statement-breakpoint
CREATE TRIGGER `usage_daily_team_totals_au` AFTER UPDATE ON `usage_daily`
WHEN (NEW.`kind` = 'share_click' AND NEW.`team_id` <> 0) OR (OLD.`kind` = 'share_click' AND OLD.`team_id` <> 0) BEGIN
	DELETE FROM `usage_team_totals` WHERE `day` >= min(NEW.`day`, OLD.`day`);
	UPDATE `usage_team_totals_writes` SET `writes` = `writes` + 1
	WHERE `id` = 1 AND min(NEW.`day`, OLD.`day`) <= `building_to`;
END;
--> statement-breakpoint
CREATE TRIGGER `usage_daily_team_totals_ad` AFTER DELETE ON `usage_daily`
WHEN OLD.`kind` = 'share_click' AND OLD.`team_id` <> 0 BEGIN
	DELETE FROM `usage_team_totals` WHERE `day` >= OLD.`day`;
	UPDATE `usage_team_totals_writes` SET `writes` = `writes` + 1
	WHERE `id` = 1 AND OLD.`day` <= `building_to`;
END;
