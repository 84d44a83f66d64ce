-- National-scale reads (issue 10). Hand-written: drizzle cannot express FTS5
-- virtual tables, triggers or WITHOUT ROWID.
--
-- directory_version: one row, bumped in the same batch (transaction) as every
-- directory write (CLI import, official units, admin edits). Part of every
-- directory cache key: a write, even one made by the CLI that cannot reach the
-- Worker's cache, makes every cached page and API answer unreachable at once.
CREATE TABLE `directory_version` (
	`id` integer PRIMARY KEY NOT NULL CHECK (`id` = 1),
	`version` integer NOT NULL,
	`changed_at` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `directory_version` (`id`, `version`, `changed_at`) VALUES (1, 1, 0);
--> statement-breakpoint
-- directory_coverage: coverage per commune ('' = teams above any commune of
-- the province), refreshed by the writes for the places they touch, so no read
-- aggregates villages, teams or members. Clustered on its key.
CREATE TABLE `directory_coverage` (
	`province_code` text NOT NULL,
	`commune_code` text NOT NULL,
	`villages` integer DEFAULT 0 NOT NULL,
	`villages_with_team` integer DEFAULT 0 NOT NULL,
	`teams_province` integer DEFAULT 0 NOT NULL,
	`teams_commune` integer DEFAULT 0 NOT NULL,
	`teams_village` integer DEFAULT 0 NOT NULL,
	`teams_organisation` integer DEFAULT 0 NOT NULL,
	`members` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`province_code`, `commune_code`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `directory_coverage_commune_idx` ON `directory_coverage` (`commune_code`);
--> statement-breakpoint
INSERT INTO `directory_coverage` (`province_code`, `commune_code`, `villages`, `villages_with_team`, `teams_province`,
	`teams_commune`, `teams_village`, `teams_organisation`, `members`)
SELECT `province_code`, `commune_code`, sum(`villages`), sum(`villages_with_team`), sum(`teams_province`), sum(`teams_commune`),
	sum(`teams_village`), sum(`teams_organisation`), sum(`members`)
FROM (
	SELECT c.`province_code`, c.`code` AS `commune_code`, count(*) AS `villages`, 0 AS `villages_with_team`, 0 AS `teams_province`,
		0 AS `teams_commune`, 0 AS `teams_village`, 0 AS `teams_organisation`, 0 AS `members`
	FROM `villages` v JOIN `communes` c ON c.`code` = v.`commune_code` GROUP BY c.`code`
	UNION ALL
	SELECT t.`province_code`, coalesce(t.`commune_code`, ''), 0, count(DISTINCT t.`village_id`), sum(t.`level` = 'province'),
		sum(t.`level` = 'commune'), sum(t.`level` = 'village'), sum(t.`level` = 'organisation'), 0
	FROM `teams` t WHERE t.`active` = 1 GROUP BY t.`province_code`, coalesce(t.`commune_code`, '')
	UNION ALL
	SELECT t.`province_code`, coalesce(t.`commune_code`, ''), 0, 0, 0, 0, 0, 0, count(*)
	FROM `teams` t JOIN `members` m ON m.`team_id` = t.`id` WHERE t.`active` = 1 GROUP BY t.`province_code`, coalesce(t.`commune_code`, '')
)
GROUP BY `province_code`, `commune_code`;
--> statement-breakpoint
-- "Find your team": FTS5 over folded names (site/utils/fold.ts: no diacritics,
-- đ → d, lower case). unicode61 splits on what is not a letter or digit, as
-- searchTokens does, so "Ea H’Leo" and "ea h'leo" give the same words; the
-- prefix indexes answer the short prefixes people type ("th", "buo").
-- `own` is the place's own name, `context` its commune and province names.
CREATE VIRTUAL TABLE `village_search` USING fts5(`own`, `context`, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
--> statement-breakpoint
CREATE VIRTUAL TABLE `commune_search` USING fts5(`own`, `context`, `code` UNINDEXED, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
--> statement-breakpoint
INSERT INTO `village_search` (`rowid`, `own`, `context`)
SELECT v.`id`, v.`name_folded`, c.`name_folded` || ' ' || p.`name_folded`
FROM `villages` v JOIN `communes` c ON c.`code` = v.`commune_code` JOIN `provinces` p ON p.`code` = c.`province_code`;
--> statement-breakpoint
INSERT INTO `commune_search` (`own`, `context`, `code`)
SELECT c.`name_folded`, p.`name_folded`, c.`code` FROM `communes` c JOIN `provinces` p ON p.`code` = c.`province_code`;
--> statement-breakpoint
-- Triggers keep the indexes in step with every writer (import, units, admin
-- edits, tests), inside the writer's own transaction.
CREATE TRIGGER `villages_search_ai` AFTER INSERT ON `villages` BEGIN
	INSERT INTO `village_search` (`rowid`, `own`, `context`)
	SELECT NEW.`id`, NEW.`name_folded`, c.`name_folded` || ' ' || p.`name_folded`
	FROM `communes` c JOIN `provinces` p ON p.`code` = c.`province_code` WHERE c.`code` = NEW.`commune_code`;
END;
--> statement-breakpoint
CREATE TRIGGER `villages_search_au` AFTER UPDATE OF `name_folded`, `commune_code` ON `villages`
WHEN OLD.`name_folded` IS NOT NEW.`name_folded` OR OLD.`commune_code` IS NOT NEW.`commune_code` BEGIN
	DELETE FROM `village_search` WHERE `rowid` = OLD.`id`;
	INSERT INTO `village_search` (`rowid`, `own`, `context`)
	SELECT NEW.`id`, NEW.`name_folded`, c.`name_folded` || ' ' || p.`name_folded`
	FROM `communes` c JOIN `provinces` p ON p.`code` = c.`province_code` WHERE c.`code` = NEW.`commune_code`;
END;
--> statement-breakpoint
CREATE TRIGGER `villages_search_ad` AFTER DELETE ON `villages` BEGIN
	DELETE FROM `village_search` WHERE `rowid` = OLD.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `communes_search_ai` AFTER INSERT ON `communes` BEGIN
	INSERT INTO `commune_search` (`own`, `context`, `code`)
	SELECT NEW.`name_folded`, p.`name_folded`, NEW.`code` FROM `provinces` p WHERE p.`code` = NEW.`province_code`;
END;
--> statement-breakpoint
CREATE TRIGGER `communes_search_au` AFTER UPDATE OF `name_folded`, `province_code` ON `communes`
WHEN OLD.`name_folded` IS NOT NEW.`name_folded` OR OLD.`province_code` IS NOT NEW.`province_code` BEGIN
	DELETE FROM `commune_search` WHERE `code` = OLD.`code`;
	INSERT INTO `commune_search` (`own`, `context`, `code`)
	SELECT NEW.`name_folded`, p.`name_folded`, NEW.`code` FROM `provinces` p WHERE p.`code` = NEW.`province_code`;
	DELETE FROM `village_search` WHERE `rowid` IN (SELECT `id` FROM `villages` WHERE `commune_code` = NEW.`code`);
	INSERT INTO `village_search` (`rowid`, `own`, `context`)
	SELECT v.`id`, v.`name_folded`, NEW.`name_folded` || ' ' || p.`name_folded`
	FROM `villages` v JOIN `provinces` p ON p.`code` = NEW.`province_code` WHERE v.`commune_code` = NEW.`code`;
END;
--> statement-breakpoint
CREATE TRIGGER `communes_search_ad` AFTER DELETE ON `communes` BEGIN
	DELETE FROM `commune_search` WHERE `code` = OLD.`code`;
END;
--> statement-breakpoint
CREATE TRIGGER `provinces_search_au` AFTER UPDATE OF `name_folded` ON `provinces`
WHEN OLD.`name_folded` IS NOT NEW.`name_folded` BEGIN
	DELETE FROM `commune_search` WHERE `code` IN (SELECT `code` FROM `communes` WHERE `province_code` = NEW.`code`);
	INSERT INTO `commune_search` (`own`, `context`, `code`)
	SELECT c.`name_folded`, NEW.`name_folded`, c.`code` FROM `communes` c WHERE c.`province_code` = NEW.`code`;
	DELETE FROM `village_search` WHERE `rowid` IN (
		SELECT v.`id` FROM `communes` c JOIN `villages` v ON v.`commune_code` = c.`code` WHERE c.`province_code` = NEW.`code`);
	INSERT INTO `village_search` (`rowid`, `own`, `context`)
	SELECT v.`id`, v.`name_folded`, c.`name_folded` || ' ' || NEW.`name_folded`
	FROM `communes` c JOIN `villages` v ON v.`commune_code` = c.`code` WHERE c.`province_code` = NEW.`code`;
END;
