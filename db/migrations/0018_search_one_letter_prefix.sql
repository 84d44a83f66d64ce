-- "Find your team" at national scale (issue 20): the village and team search
-- indexes gain a one-letter prefix index. People type numbers as one
-- character ("thon 5", "to dan pho 1"), and a one-letter prefix query without
-- it merges the lists of every word starting with that letter (1, 10, 100,
-- 12a…) on every search, and again for bm25's counts: about half of the
-- search's CPU on the synthetic national directory. FTS5 cannot change its
-- prefix option in place: each table is rebuilt with the same columns and
-- rows as 0007 and 0014 made them. The triggers that keep them in step write
-- to them by name and need no change. Hand-written: drizzle cannot express
-- virtual tables.
DROP TABLE `village_search`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `village_search` USING fts5(`own`, `context`, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3');
--> statement-breakpoint
INSERT INTO `village_search` (`rowid`, `own`, `context`)
SELECT v.`id`, v.`name_folded`, c.`name_folded` || ' ' || p.`name_folded`
FROM `villages` v JOIN `communes` c ON c.`code` = v.`commune_code` JOIN `provinces` p ON p.`code` = c.`province_code`;
--> statement-breakpoint
DROP TABLE `team_search`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `team_search` USING fts5(`own`, `context`, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3');
--> statement-breakpoint
INSERT INTO `team_search` (`rowid`, `own`, `context`)
SELECT t.`id`, t.`name_folded`, coalesce(c.`name_folded` || ' ', '') || p.`name_folded`
FROM `teams` t LEFT JOIN `communes` c ON c.`code` = t.`commune_code` JOIN `provinces` p ON p.`code` = t.`province_code`;
