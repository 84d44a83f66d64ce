-- Issue 23, points 3–5: why help stalls, the allowance sheet's rates, honesty checks.
-- Hand-written (see db/schema/assists.ts).
--
-- The outcome a member may add to an entry: 'xong' (done) or one of the fixed
-- reasons it stalled (functions/assists/outcomes.ts); NULL when not said.
-- Never free text: nothing about the citizen.
ALTER TABLE `assists` ADD `outcome` text;
--> statement-breakpoint
-- The "bản đồ điểm nghẽn": stalled entries of a province or commune by week,
-- read from this small partial index rather than the whole year of entries.
CREATE INDEX `assists_outcome_idx` ON `assists` (`province_code`,`outcome`,`day`,`commune_code`,`people`) WHERE `voided_at` IS NULL AND `outcome` IS NOT NULL;
--> statement-breakpoint
-- A province's allowance rates (đồng), set by its admin from a month on (until
-- a later month's): per member per activity day, and/or per team per month
-- (paid to a team active that month). A month's sheet uses the rates in force
-- that month, so a change never rewrites a sheet already paid. Both NULL: no
-- payment from that month.
CREATE TABLE `assist_rates` (
	`province_code` text NOT NULL,
	`from_month` text NOT NULL,
	`per_member_day` integer,
	`per_team_month` integer,
	`set_by` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`province_code`, `from_month`),
	FOREIGN KEY (`province_code`) REFERENCES `provinces`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "assist_rates_member_ck" CHECK("assist_rates"."per_member_day" IS NULL OR "assist_rates"."per_member_day" > 0),
	CONSTRAINT "assist_rates_team_ck" CHECK("assist_rates"."per_team_month" IS NULL OR "assist_rates"."per_team_month" > 0)
) WITHOUT ROWID;
--> statement-breakpoint
-- An official looked at an entry the honesty checks listed and found it fine.
-- The entry itself is never changed by this (voiding is the other answer).
CREATE TABLE `assist_checks` (
	`assist_id` integer PRIMARY KEY NOT NULL,
	`checked_by` text NOT NULL,
	`checked_at` integer NOT NULL,
	FOREIGN KEY (`assist_id`) REFERENCES `assists`(`id`) ON UPDATE no action ON DELETE cascade
);
