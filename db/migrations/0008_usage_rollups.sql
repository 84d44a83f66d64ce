-- Usage reports at national scale (issue 10): the totals a national or
-- province report and the "most active teams" list read, kept by triggers on
-- usage_daily so every writer (the queue consumer, the demo seed, tests, the
-- bench) keeps them in step inside its own transaction. Hand-written: drizzle
-- cannot express triggers or WITHOUT ROWID.
--
-- usage_national_daily becomes one row per day and guide, its four counts in
-- columns (0007 kept a row per kind: a national report over a year read four
-- times the rows), and is kept by the trigger instead of a statement of the
-- queue consumer.
DROP TABLE `usage_national_daily`;
--> statement-breakpoint
CREATE TABLE `usage_national_daily` (
	`day` text NOT NULL,
	`guide` text NOT NULL,
	`views` integer DEFAULT 0 NOT NULL,
	`share_clicks` integer DEFAULT 0 NOT NULL,
	`helpful_yes` integer DEFAULT 0 NOT NULL,
	`helpful_no` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `guide`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `usage_national_daily` (`day`, `guide`, `views`, `share_clicks`, `helpful_yes`, `helpful_no`)
SELECT `day`, `guide`, sum(CASE WHEN `kind` = 'view' THEN `count` ELSE 0 END), sum(CASE WHEN `kind` = 'share_click' THEN `count` ELSE 0 END),
	sum(CASE WHEN `kind` = 'helpful_yes' THEN `count` ELSE 0 END), sum(CASE WHEN `kind` = 'helpful_no' THEN `count` ELSE 0 END)
FROM `usage_daily` GROUP BY `day`, `guide`;
--> statement-breakpoint
CREATE TRIGGER `usage_daily_national_ai` AFTER INSERT ON `usage_daily` BEGIN
	INSERT INTO `usage_national_daily` (`day`, `guide`, `views`, `share_clicks`, `helpful_yes`, `helpful_no`)
	VALUES (NEW.`day`, NEW.`guide`, (NEW.`kind` = 'view') * NEW.`count`, (NEW.`kind` = 'share_click') * NEW.`count`,
		(NEW.`kind` = 'helpful_yes') * NEW.`count`, (NEW.`kind` = 'helpful_no') * NEW.`count`)
	ON CONFLICT DO UPDATE SET `views` = `views` + excluded.`views`, `share_clicks` = `share_clicks` + excluded.`share_clicks`,
		`helpful_yes` = `helpful_yes` + excluded.`helpful_yes`, `helpful_no` = `helpful_no` + excluded.`helpful_no`;
END;
--> statement-breakpoint
CREATE TRIGGER `usage_daily_national_au` AFTER UPDATE OF `count` ON `usage_daily` WHEN NEW.`count` <> OLD.`count` BEGIN
	UPDATE `usage_national_daily` SET
		`views` = `views` + (NEW.`kind` = 'view') * (NEW.`count` - OLD.`count`),
		`share_clicks` = `share_clicks` + (NEW.`kind` = 'share_click') * (NEW.`count` - OLD.`count`),
		`helpful_yes` = `helpful_yes` + (NEW.`kind` = 'helpful_yes') * (NEW.`count` - OLD.`count`),
		`helpful_no` = `helpful_no` + (NEW.`kind` = 'helpful_no') * (NEW.`count` - OLD.`count`)
	WHERE `day` = NEW.`day` AND `guide` = NEW.`guide`;
END;
--> statement-breakpoint
CREATE TRIGGER `usage_daily_national_ad` AFTER DELETE ON `usage_daily` BEGIN
	UPDATE `usage_national_daily` SET
		`views` = `views` - (OLD.`kind` = 'view') * OLD.`count`,
		`share_clicks` = `share_clicks` - (OLD.`kind` = 'share_click') * OLD.`count`,
		`helpful_yes` = `helpful_yes` - (OLD.`kind` = 'helpful_yes') * OLD.`count`,
		`helpful_no` = `helpful_no` - (OLD.`kind` = 'helpful_no') * OLD.`count`
	WHERE `day` = OLD.`day` AND `guide` = OLD.`guide`;
END;
--> statement-breakpoint
-- Only attributed share clicks (kind 'share_click', team_id <> 0) are rolled
-- up by place and team: views and helpful answers are national only.
-- A click is filed under the province its team had when it was counted.
--
-- usage_province_daily: share clicks per province, day and guide. A
-- province's guide table and weekly chart over a year read at most
-- 366 × guides rows, not every team's and member's.
CREATE TABLE `usage_province_daily` (
	`province_code` text NOT NULL,
	`day` text NOT NULL,
	`guide` text NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`province_code`, `day`, `guide`)
) WITHOUT ROWID;
--> statement-breakpoint
-- usage_team_daily: share clicks per team and day, clustered by province, so
-- a province's most active teams over any period read one key range.
CREATE TABLE `usage_team_daily` (
	`province_code` text NOT NULL,
	`day` text NOT NULL,
	`team_id` integer NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`province_code`, `day`, `team_id`)
) WITHOUT ROWID;
--> statement-breakpoint
-- The national "most active teams" over the two periods the report offers
-- (the last 12 and 52 weeks, Monday to today): each team's running total,
-- ranked by an index, instead of summing a year of every team's rows. A
-- window starts on `from_day`; the Cron Trigger moves it on each Monday
-- (functions/usage/windows.ts) by rebuilding its totals in one transaction.
CREATE TABLE `usage_windows` (
	`name` text PRIMARY KEY NOT NULL,
	`weeks` integer NOT NULL,
	`from_day` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `usage_team_window` (
	`window_name` text NOT NULL,
	`team_id` integer NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`window_name`, `team_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `usage_team_window_rank_idx` ON `usage_team_window` (`window_name`, `count`);
--> statement-breakpoint
-- Monday of the current UTC week, minus (weeks − 1) weeks: the default report
-- period's first day (functions/usage/report.ts resolvePeriod).
INSERT INTO `usage_windows` (`name`, `weeks`, `from_day`) VALUES
	('w12', 12, date('now', '-6 days', 'weekday 1', '-77 days')),
	('w52', 52, date('now', '-6 days', 'weekday 1', '-357 days'));
--> statement-breakpoint
CREATE TRIGGER `usage_daily_rollup_ai` AFTER INSERT ON `usage_daily`
WHEN NEW.`kind` = 'share_click' AND NEW.`team_id` <> 0 BEGIN
	INSERT INTO `usage_province_daily` (`province_code`, `day`, `guide`, `count`)
	SELECT t.`province_code`, NEW.`day`, NEW.`guide`, NEW.`count` FROM `teams` t WHERE t.`id` = NEW.`team_id`
	ON CONFLICT DO UPDATE SET `count` = `count` + excluded.`count`;
	INSERT INTO `usage_team_daily` (`province_code`, `day`, `team_id`, `count`)
	SELECT t.`province_code`, NEW.`day`, NEW.`team_id`, NEW.`count` FROM `teams` t WHERE t.`id` = NEW.`team_id`
	ON CONFLICT DO UPDATE SET `count` = `count` + excluded.`count`;
	INSERT INTO `usage_team_window` (`window_name`, `team_id`, `count`)
	SELECT w.`name`, NEW.`team_id`, NEW.`count` FROM `usage_windows` w WHERE NEW.`day` >= w.`from_day`
	ON CONFLICT DO UPDATE SET `count` = `count` + excluded.`count`;
END;
--> statement-breakpoint
CREATE TRIGGER `usage_daily_rollup_au` AFTER UPDATE OF `count` ON `usage_daily`
WHEN NEW.`kind` = 'share_click' AND NEW.`team_id` <> 0 AND NEW.`count` <> OLD.`count` BEGIN
	INSERT INTO `usage_province_daily` (`province_code`, `day`, `guide`, `count`)
	SELECT t.`province_code`, NEW.`day`, NEW.`guide`, NEW.`count` - OLD.`count` FROM `teams` t WHERE t.`id` = NEW.`team_id`
	ON CONFLICT DO UPDATE SET `count` = `count` + excluded.`count`;
	INSERT INTO `usage_team_daily` (`province_code`, `day`, `team_id`, `count`)
	SELECT t.`province_code`, NEW.`day`, NEW.`team_id`, NEW.`count` - OLD.`count` FROM `teams` t WHERE t.`id` = NEW.`team_id`
	ON CONFLICT DO UPDATE SET `count` = `count` + excluded.`count`;
	INSERT INTO `usage_team_window` (`window_name`, `team_id`, `count`)
	SELECT w.`name`, NEW.`team_id`, NEW.`count` - OLD.`count` FROM `usage_windows` w WHERE NEW.`day` >= w.`from_day`
	ON CONFLICT DO UPDATE SET `count` = `count` + excluded.`count`;
END;
--> statement-breakpoint
-- Nothing deletes counted rows today; if anything ever does, the rollups follow.
CREATE TRIGGER `usage_daily_rollup_ad` AFTER DELETE ON `usage_daily`
WHEN OLD.`kind` = 'share_click' AND OLD.`team_id` <> 0 BEGIN
	UPDATE `usage_province_daily` SET `count` = `count` - OLD.`count`
	WHERE `province_code` = (SELECT `province_code` FROM `teams` WHERE `id` = OLD.`team_id`) AND `day` = OLD.`day` AND `guide` = OLD.`guide`;
	UPDATE `usage_team_daily` SET `count` = `count` - OLD.`count`
	WHERE `province_code` = (SELECT `province_code` FROM `teams` WHERE `id` = OLD.`team_id`) AND `day` = OLD.`day` AND `team_id` = OLD.`team_id`;
	UPDATE `usage_team_window` SET `count` = `count` - OLD.`count`
	WHERE `team_id` = OLD.`team_id` AND `window_name` IN (SELECT `name` FROM `usage_windows` WHERE OLD.`day` >= `from_day`);
END;
--> statement-breakpoint
INSERT INTO `usage_province_daily` (`province_code`, `day`, `guide`, `count`)
SELECT t.`province_code`, u.`day`, u.`guide`, sum(u.`count`)
FROM `usage_daily` u JOIN `teams` t ON t.`id` = u.`team_id`
WHERE u.`kind` = 'share_click' AND u.`team_id` <> 0
GROUP BY t.`province_code`, u.`day`, u.`guide`;
--> statement-breakpoint
INSERT INTO `usage_team_daily` (`province_code`, `day`, `team_id`, `count`)
SELECT t.`province_code`, u.`day`, u.`team_id`, sum(u.`count`)
FROM `usage_daily` u JOIN `teams` t ON t.`id` = u.`team_id`
WHERE u.`kind` = 'share_click' AND u.`team_id` <> 0
GROUP BY t.`province_code`, u.`day`, u.`team_id`;
--> statement-breakpoint
INSERT INTO `usage_team_window` (`window_name`, `team_id`, `count`)
SELECT w.`name`, u.`team_id`, sum(u.`count`)
FROM `usage_windows` w JOIN `usage_daily` u ON u.`day` >= w.`from_day`
WHERE u.`kind` = 'share_click' AND u.`team_id` <> 0
GROUP BY w.`name`, u.`team_id`;
