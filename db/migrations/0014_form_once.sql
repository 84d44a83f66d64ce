-- One-time form tokens (issue 16): every form that records something carries a
-- random token; the first POST with it claims the row, a double tap or a resent
-- form finds it taken and records nothing. `location` is where the first
-- submit ended (its redirect), so a repeat lands on the same page.
CREATE TABLE `form_once` (
	`token` text PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`location` text
);
--> statement-breakpoint
CREATE INDEX `form_once_at_idx` ON `form_once` (`at`);
--> statement-breakpoint
-- "Find your team" looks for teams too (issue 16): an organisation's team is
-- named for it, not for a village. FTS5 over the team's folded name, with its
-- commune and province names as context, kept in step by triggers like
-- village_search (0007).
CREATE VIRTUAL TABLE `team_search` USING fts5(`own`, `context`, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
--> statement-breakpoint
INSERT INTO `team_search` (`rowid`, `own`, `context`)
SELECT t.`id`, t.`name_folded`, coalesce(c.`name_folded` || ' ', '') || p.`name_folded`
FROM `teams` t LEFT JOIN `communes` c ON c.`code` = t.`commune_code` JOIN `provinces` p ON p.`code` = t.`province_code`;
--> statement-breakpoint
CREATE TRIGGER `teams_search_ai` AFTER INSERT ON `teams` BEGIN
	INSERT INTO `team_search` (`rowid`, `own`, `context`)
	SELECT NEW.`id`, NEW.`name_folded`, coalesce((SELECT c.`name_folded` || ' ' FROM `communes` c WHERE c.`code` = NEW.`commune_code`), '') || p.`name_folded`
	FROM `provinces` p WHERE p.`code` = NEW.`province_code`;
END;
--> statement-breakpoint
CREATE TRIGGER `teams_search_au` AFTER UPDATE OF `name_folded`, `commune_code`, `province_code` ON `teams`
WHEN OLD.`name_folded` IS NOT NEW.`name_folded` OR OLD.`commune_code` IS NOT NEW.`commune_code` OR OLD.`province_code` IS NOT NEW.`province_code` BEGIN
	DELETE FROM `team_search` WHERE `rowid` = OLD.`id`;
	INSERT INTO `team_search` (`rowid`, `own`, `context`)
	SELECT NEW.`id`, NEW.`name_folded`, coalesce((SELECT c.`name_folded` || ' ' FROM `communes` c WHERE c.`code` = NEW.`commune_code`), '') || p.`name_folded`
	FROM `provinces` p WHERE p.`code` = NEW.`province_code`;
END;
--> statement-breakpoint
CREATE TRIGGER `teams_search_ad` AFTER DELETE ON `teams` BEGIN
	DELETE FROM `team_search` WHERE `rowid` = OLD.`id`;
END;
