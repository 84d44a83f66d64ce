-- Report pages under 50 ms at any size (issue 20): a report's weeks summed
-- 366 days × every guide (the national totals, or a province's rollup), and a
-- province's guides table read every day of its period. Their sums now come
-- from three more rollups: one row per day (every guide together) for the
-- weeks, and a province's whole months for its guides table (its ragged ends
-- by day, as usage_national_monthly does nationally, migration 0020). Kept by
-- triggers on the rollups they sum, so every writer keeps them in step in its
-- own transaction: each counted key writes one more row nationally, a share
-- click two more in its province (a D1 cost the usage bench reports per 1,000 events).
-- Hand-written: drizzle cannot express triggers or WITHOUT ROWID.
CREATE TABLE `usage_national_days` (
	`day` text PRIMARY KEY NOT NULL,
	`views` integer DEFAULT 0 NOT NULL,
	`share_clicks` integer DEFAULT 0 NOT NULL
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `usage_province_monthly` (
	`province_code` text NOT NULL,
	`month` text NOT NULL,
	`guide` text NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`province_code`, `month`, `guide`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `usage_province_days` (
	`province_code` text NOT NULL,
	`day` text NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`province_code`, `day`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `usage_national_days` (`day`, `views`, `share_clicks`)
SELECT `day`, sum(`views`), sum(`share_clicks`) FROM `usage_national_daily` GROUP BY `day`;
--> statement-breakpoint
INSERT INTO `usage_province_monthly` (`province_code`, `month`, `guide`, `count`)
SELECT `province_code`, substr(`day`, 1, 7), `guide`, sum(`count`) FROM `usage_province_daily` GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO `usage_province_days` (`province_code`, `day`, `count`)
SELECT `province_code`, `day`, sum(`count`) FROM `usage_province_daily` GROUP BY 1, 2;
--> statement-breakpoint
CREATE TRIGGER `usage_national_daily_days_ai` AFTER INSERT ON `usage_national_daily` BEGIN
	INSERT INTO `usage_national_days` (`day`, `views`, `share_clicks`) VALUES (NEW.`day`, NEW.`views`, NEW.`share_clicks`)
	ON CONFLICT DO UPDATE SET `views` = `views` + excluded.`views`, `share_clicks` = `share_clicks` + excluded.`share_clicks`;
END;
--> statement-breakpoint
-- The usual update (one more view or click, or a guide renamed by hand): the same day, one row written.
CREATE TRIGGER `usage_national_daily_days_au` AFTER UPDATE ON `usage_national_daily`
WHEN NEW.`day` = OLD.`day` BEGIN
	UPDATE `usage_national_days` SET `views` = `views` + NEW.`views` - OLD.`views`, `share_clicks` = `share_clicks` + NEW.`share_clicks` - OLD.`share_clicks`
	WHERE `day` = NEW.`day`;
END;
--> statement-breakpoint
-- A row moved to another day (only by hand): taken off its old day, added to its new one.
CREATE TRIGGER `usage_national_daily_days_moved` AFTER UPDATE ON `usage_national_daily`
WHEN NEW.`day` <> OLD.`day` BEGIN
	UPDATE `usage_national_days` SET `views` = `views` - OLD.`views`, `share_clicks` = `share_clicks` - OLD.`share_clicks` WHERE `day` = OLD.`day`;
	INSERT INTO `usage_national_days` (`day`, `views`, `share_clicks`) VALUES (NEW.`day`, NEW.`views`, NEW.`share_clicks`)
	ON CONFLICT DO UPDATE SET `views` = `views` + excluded.`views`, `share_clicks` = `share_clicks` + excluded.`share_clicks`;
END;
--> statement-breakpoint
CREATE TRIGGER `usage_national_daily_days_ad` AFTER DELETE ON `usage_national_daily` BEGIN
	UPDATE `usage_national_days` SET `views` = `views` - OLD.`views`, `share_clicks` = `share_clicks` - OLD.`share_clicks` WHERE `day` = OLD.`day`;
END;
--> statement-breakpoint
CREATE TRIGGER `usage_province_daily_sums_ai` AFTER INSERT ON `usage_province_daily` BEGIN
	INSERT INTO `usage_province_monthly` (`province_code`, `month`, `guide`, `count`) VALUES (NEW.`province_code`, substr(NEW.`day`, 1, 7), NEW.`guide`, NEW.`count`)
	ON CONFLICT DO UPDATE SET `count` = `count` + excluded.`count`;
	INSERT INTO `usage_province_days` (`province_code`, `day`, `count`) VALUES (NEW.`province_code`, NEW.`day`, NEW.`count`)
	ON CONFLICT DO UPDATE SET `count` = `count` + excluded.`count`;
END;
--> statement-breakpoint
-- The usual update (a click more or less on the same key): two rows written.
CREATE TRIGGER `usage_province_daily_sums_au` AFTER UPDATE ON `usage_province_daily`
WHEN NEW.`province_code` = OLD.`province_code` AND NEW.`day` = OLD.`day` AND NEW.`guide` = OLD.`guide` BEGIN
	UPDATE `usage_province_monthly` SET `count` = `count` + NEW.`count` - OLD.`count`
	WHERE `province_code` = NEW.`province_code` AND `month` = substr(NEW.`day`, 1, 7) AND `guide` = NEW.`guide`;
	UPDATE `usage_province_days` SET `count` = `count` + NEW.`count` - OLD.`count` WHERE `province_code` = NEW.`province_code` AND `day` = NEW.`day`;
END;
--> statement-breakpoint
-- A row moved to another province, day or guide (only by hand): taken off where it was, added where it is.
CREATE TRIGGER `usage_province_daily_sums_moved` AFTER UPDATE ON `usage_province_daily`
WHEN NEW.`province_code` <> OLD.`province_code` OR NEW.`day` <> OLD.`day` OR NEW.`guide` <> OLD.`guide` BEGIN
	UPDATE `usage_province_monthly` SET `count` = `count` - OLD.`count`
	WHERE `province_code` = OLD.`province_code` AND `month` = substr(OLD.`day`, 1, 7) AND `guide` = OLD.`guide`;
	UPDATE `usage_province_days` SET `count` = `count` - OLD.`count` WHERE `province_code` = OLD.`province_code` AND `day` = OLD.`day`;
	INSERT INTO `usage_province_monthly` (`province_code`, `month`, `guide`, `count`) VALUES (NEW.`province_code`, substr(NEW.`day`, 1, 7), NEW.`guide`, NEW.`count`)
	ON CONFLICT DO UPDATE SET `count` = `count` + excluded.`count`;
	INSERT INTO `usage_province_days` (`province_code`, `day`, `count`) VALUES (NEW.`province_code`, NEW.`day`, NEW.`count`)
	ON CONFLICT DO UPDATE SET `count` = `count` + excluded.`count`;
END;
--> statement-breakpoint
CREATE TRIGGER `usage_province_daily_sums_ad` AFTER DELETE ON `usage_province_daily` BEGIN
	UPDATE `usage_province_monthly` SET `count` = `count` - OLD.`count`
	WHERE `province_code` = OLD.`province_code` AND `month` = substr(OLD.`day`, 1, 7) AND `guide` = OLD.`guide`;
	UPDATE `usage_province_days` SET `count` = `count` - OLD.`count` WHERE `province_code` = OLD.`province_code` AND `day` = OLD.`day`;
END;
