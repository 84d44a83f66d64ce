-- National usage reports over long periods (issue 20): the guides table of a
-- national report over a year read 366 days × every guide of
-- usage_national_daily; it now reads the whole months of its period here
-- (12 × guides rows) and only its ragged ends by day. Kept by triggers on
-- usage_national_daily (itself kept by triggers on usage_daily), so every
-- writer keeps it in step in its own transaction: one more row written per
-- counted key (a D1 cost the usage bench reports per 1,000 events).
-- Hand-written: drizzle cannot express triggers.
CREATE TABLE `usage_national_monthly` (
	`month` text NOT NULL,
	`guide` text NOT NULL,
	`views` integer DEFAULT 0 NOT NULL,
	`share_clicks` integer DEFAULT 0 NOT NULL,
	`helpful_yes` integer DEFAULT 0 NOT NULL,
	`helpful_no` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`month`, `guide`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `usage_national_monthly` (`month`, `guide`, `views`, `share_clicks`, `helpful_yes`, `helpful_no`)
SELECT substr(`day`, 1, 7), `guide`, sum(`views`), sum(`share_clicks`), sum(`helpful_yes`), sum(`helpful_no`)
FROM `usage_national_daily` GROUP BY 1, 2;
--> statement-breakpoint
CREATE TRIGGER `usage_national_daily_monthly_ai` AFTER INSERT ON `usage_national_daily` BEGIN
	INSERT INTO `usage_national_monthly` (`month`, `guide`, `views`, `share_clicks`, `helpful_yes`, `helpful_no`)
	VALUES (substr(NEW.`day`, 1, 7), NEW.`guide`, NEW.`views`, NEW.`share_clicks`, NEW.`helpful_yes`, NEW.`helpful_no`)
	ON CONFLICT DO UPDATE SET `views` = `views` + excluded.`views`, `share_clicks` = `share_clicks` + excluded.`share_clicks`,
		`helpful_yes` = `helpful_yes` + excluded.`helpful_yes`, `helpful_no` = `helpful_no` + excluded.`helpful_no`;
END;
--> statement-breakpoint
-- A day's counts change in place (the usual update: one more view or click): one row written.
CREATE TRIGGER `usage_national_daily_monthly_au` AFTER UPDATE ON `usage_national_daily`
WHEN NEW.`day` = OLD.`day` AND NEW.`guide` = OLD.`guide` BEGIN
	UPDATE `usage_national_monthly` SET
		`views` = `views` + NEW.`views` - OLD.`views`, `share_clicks` = `share_clicks` + NEW.`share_clicks` - OLD.`share_clicks`,
		`helpful_yes` = `helpful_yes` + NEW.`helpful_yes` - OLD.`helpful_yes`, `helpful_no` = `helpful_no` + NEW.`helpful_no` - OLD.`helpful_no`
	WHERE `month` = substr(NEW.`day`, 1, 7) AND `guide` = NEW.`guide`;
END;
--> statement-breakpoint
-- A row moved to another day or guide (only by hand): taken off its old month, added to its new one.
CREATE TRIGGER `usage_national_daily_monthly_moved` AFTER UPDATE ON `usage_national_daily`
WHEN NEW.`day` <> OLD.`day` OR NEW.`guide` <> OLD.`guide` BEGIN
	UPDATE `usage_national_monthly` SET
		`views` = `views` - OLD.`views`, `share_clicks` = `share_clicks` - OLD.`share_clicks`,
		`helpful_yes` = `helpful_yes` - OLD.`helpful_yes`, `helpful_no` = `helpful_no` - OLD.`helpful_no`
	WHERE `month` = substr(OLD.`day`, 1, 7) AND `guide` = OLD.`guide`;
	INSERT INTO `usage_national_monthly` (`month`, `guide`, `views`, `share_clicks`, `helpful_yes`, `helpful_no`)
	VALUES (substr(NEW.`day`, 1, 7), NEW.`guide`, NEW.`views`, NEW.`share_clicks`, NEW.`helpful_yes`, NEW.`helpful_no`)
	ON CONFLICT DO UPDATE SET `views` = `views` + excluded.`views`, `share_clicks` = `share_clicks` + excluded.`share_clicks`,
		`helpful_yes` = `helpful_yes` + excluded.`helpful_yes`, `helpful_no` = `helpful_no` + excluded.`helpful_no`;
END;
--> statement-breakpoint
CREATE TRIGGER `usage_national_daily_monthly_ad` AFTER DELETE ON `usage_national_daily` BEGIN
	UPDATE `usage_national_monthly` SET
		`views` = `views` - OLD.`views`, `share_clicks` = `share_clicks` - OLD.`share_clicks`,
		`helpful_yes` = `helpful_yes` - OLD.`helpful_yes`, `helpful_no` = `helpful_no` - OLD.`helpful_no`
	WHERE `month` = substr(OLD.`day`, 1, 7) AND `guide` = OLD.`guide`;
END;
