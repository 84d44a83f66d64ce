-- Usage tables as WITHOUT ROWID tables, clustered on their primary keys.
-- D1 bills (and limits) rows written, index entries included: a rowid table
-- with a composite primary key writes the row AND a separate primary-key
-- index entry. Clustered, a new visitor_seen hash costs 1 row written instead
-- of 2, and a new usage_daily key 2 instead of 3 (its count updates cost 1).
-- Same columns and keys as db/schema/usage.ts; drizzle-kit cannot express
-- WITHOUT ROWID, hence this custom migration.
CREATE TABLE `usage_daily_clustered` (
	`day` text NOT NULL,
	`guide` text NOT NULL,
	`team_id` integer DEFAULT 0 NOT NULL,
	`member_code` text DEFAULT '' NOT NULL,
	`kind` text NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `guide`, `team_id`, `member_code`, `kind`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `usage_daily_clustered` SELECT `day`, `guide`, `team_id`, `member_code`, `kind`, `count` FROM `usage_daily`;
--> statement-breakpoint
DROP TABLE `usage_daily`;
--> statement-breakpoint
ALTER TABLE `usage_daily_clustered` RENAME TO `usage_daily`;
--> statement-breakpoint
CREATE INDEX `usage_daily_team_idx` ON `usage_daily` (`team_id`,`day`);
--> statement-breakpoint
CREATE TABLE `visitor_seen_clustered` (
	`day` text NOT NULL,
	`guide` text NOT NULL,
	`kind` text NOT NULL,
	`visitor_hash` text NOT NULL,
	PRIMARY KEY(`day`, `guide`, `kind`, `visitor_hash`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `visitor_seen_clustered` SELECT `day`, `guide`, `kind`, `visitor_hash` FROM `visitor_seen`;
--> statement-breakpoint
DROP TABLE `visitor_seen`;
--> statement-breakpoint
ALTER TABLE `visitor_seen_clustered` RENAME TO `visitor_seen`;
