-- "Find your team" at national scale (issue 20), the search still at p95
-- 53–67 ms on the synthetic national directory. Measured on its index
-- (100,000 villages, 80,000 teams), two causes:
--
-- 1. A word of four letters or more ("thon", "phuong", "dong") had no prefix
--    index of its own: FTS5 merged the lists of every indexed word starting
--    with it into one list, in memory, on every search; "thon" alone is in
--    half the villages. Both tables now index prefixes of 1 to 8 letters
--    (every Vietnamese syllable is at most 7), so every typed word reads one
--    stored list that FTS5 can skip through. Index size +17 %
--    (21.3 → 25.0 MB); the index work of a search falls 2–5 times.
-- 2. The team index held each team's name with the words nearly every team's
--    name starts with, "Tổ công nghệ số (cộng đồng)". So "tổ", "công" and
--    "đông" (as in "An Đông") matched all 80,000 teams, and each search
--    holding one of them merged and scored that whole list. Teams are now
--    indexed without that lead, and the search drops the same lead from what
--    is typed (searchTokens), so typing a team's whole name still finds it.
--
-- FTS5 cannot change its options or rewrite rows in place: both tables are
-- rebuilt with the same columns and rows as 0018 made them. What a team's
-- index row holds is written once, in the view team_search_rows (the lead
-- cut, the commune's and province's names as context); the fill and every
-- trigger that writes a team's row read it. The village triggers write to
-- village_search by name and need no change.
--
-- Fixed on the way: a commune or province renamed left the old name in its
-- teams' context (0014 kept villages' context in step, not teams'). Two
-- triggers write those teams' rows again, as communes_search_au and
-- provinces_search_au (0007) do for villages. Hand-written: drizzle cannot
-- express virtual tables.
DROP TABLE `village_search`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `village_search` USING fts5(`own`, `context`, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3 4 5 6 7 8');
--> statement-breakpoint
INSERT INTO `village_search` (`rowid`, `own`, `context`)
SELECT v.`id`, v.`name_folded`, c.`name_folded` || ' ' || p.`name_folded`
FROM `villages` v JOIN `communes` c ON c.`code` = v.`commune_code` JOIN `provinces` p ON p.`code` = c.`province_code`;
--> statement-breakpoint
DROP TABLE `team_search`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `team_search` USING fts5(`own`, `context`, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3 4 5 6 7 8');
--> statement-breakpoint
CREATE VIEW `team_search_rows` AS
SELECT t.`id`,
	CASE WHEN t.`name_folded` LIKE 'to cong nghe so cong dong %' THEN substr(t.`name_folded`, 27)
	     WHEN t.`name_folded` LIKE 'to cong nghe so %' THEN substr(t.`name_folded`, 17)
	     ELSE t.`name_folded` END AS `own`,
	coalesce(c.`name_folded` || ' ', '') || p.`name_folded` AS `context`
FROM `teams` t LEFT JOIN `communes` c ON c.`code` = t.`commune_code` JOIN `provinces` p ON p.`code` = t.`province_code`;
--> statement-breakpoint
INSERT INTO `team_search` (`rowid`, `own`, `context`) SELECT `id`, `own`, `context` FROM `team_search_rows`;
--> statement-breakpoint
DROP TRIGGER `teams_search_ai`;
--> statement-breakpoint
CREATE TRIGGER `teams_search_ai` AFTER INSERT ON `teams` BEGIN
	INSERT INTO `team_search` (`rowid`, `own`, `context`) SELECT `id`, `own`, `context` FROM `team_search_rows` WHERE `id` = NEW.`id`;
END;
--> statement-breakpoint
DROP TRIGGER `teams_search_au`;
--> statement-breakpoint
CREATE TRIGGER `teams_search_au` AFTER UPDATE OF `name_folded`, `commune_code`, `province_code` ON `teams`
WHEN OLD.`name_folded` IS NOT NEW.`name_folded` OR OLD.`commune_code` IS NOT NEW.`commune_code` OR OLD.`province_code` IS NOT NEW.`province_code` BEGIN
	DELETE FROM `team_search` WHERE `rowid` = OLD.`id`;
	INSERT INTO `team_search` (`rowid`, `own`, `context`) SELECT `id`, `own`, `context` FROM `team_search_rows` WHERE `id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `communes_team_search_au` AFTER UPDATE OF `name_folded` ON `communes`
WHEN OLD.`name_folded` IS NOT NEW.`name_folded` BEGIN
	DELETE FROM `team_search` WHERE `rowid` IN (SELECT `id` FROM `teams` WHERE `commune_code` = NEW.`code`);
	INSERT INTO `team_search` (`rowid`, `own`, `context`)
	SELECT `id`, `own`, `context` FROM `team_search_rows` WHERE `id` IN (SELECT `id` FROM `teams` WHERE `commune_code` = NEW.`code`);
END;
--> statement-breakpoint
CREATE TRIGGER `provinces_team_search_au` AFTER UPDATE OF `name_folded` ON `provinces`
WHEN OLD.`name_folded` IS NOT NEW.`name_folded` BEGIN
	DELETE FROM `team_search` WHERE `rowid` IN (SELECT `id` FROM `teams` WHERE `province_code` = NEW.`code`);
	INSERT INTO `team_search` (`rowid`, `own`, `context`)
	SELECT `id`, `own`, `context` FROM `team_search_rows` WHERE `id` IN (SELECT `id` FROM `teams` WHERE `province_code` = NEW.`code`);
END;
