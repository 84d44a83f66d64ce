CREATE TABLE `communes` (
	`code` text PRIMARY KEY NOT NULL,
	`province_code` text NOT NULL,
	`name` text NOT NULL,
	`name_folded` text NOT NULL,
	FOREIGN KEY (`province_code`) REFERENCES `provinces`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `communes_province_idx` ON `communes` (`province_code`,`name`);--> statement-breakpoint
CREATE TABLE `dataset_info` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `legacy_communes` (
	`old_code` text NOT NULL,
	`old_name` text NOT NULL,
	`old_district_name` text NOT NULL,
	`old_province_name` text NOT NULL,
	`new_code` text NOT NULL,
	PRIMARY KEY(`old_code`, `new_code`)
);
--> statement-breakpoint
CREATE TABLE `members` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`team_id` integer NOT NULL,
	`full_name` text NOT NULL,
	`name_folded` text NOT NULL,
	`role` text NOT NULL,
	`position` text,
	`phone` text,
	`publish_contact` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "members_role_ck" CHECK("members"."role" in ('to_truong', 'to_pho', 'thanh_vien'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `members_code_unique` ON `members` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `members_team_name_uq` ON `members` (`team_id`,`name_folded`);--> statement-breakpoint
CREATE TABLE `provinces` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`name_folded` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `teams` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`level` text NOT NULL,
	`name` text NOT NULL,
	`name_folded` text NOT NULL,
	`province_code` text NOT NULL,
	`commune_code` text,
	`village_id` integer,
	`zalo_url` text,
	`decision_number` text,
	`decision_date` text,
	`active` integer DEFAULT true NOT NULL,
	`place_key` text NOT NULL,
	FOREIGN KEY (`province_code`) REFERENCES `provinces`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`commune_code`) REFERENCES `communes`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "teams_level_ck" CHECK("teams"."level" in ('province', 'commune', 'village', 'organisation'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `teams_place_name_uq` ON `teams` (`place_key`,`name_folded`);--> statement-breakpoint
CREATE INDEX `teams_commune_idx` ON `teams` (`commune_code`);--> statement-breakpoint
CREATE INDEX `teams_village_idx` ON `teams` (`village_id`);--> statement-breakpoint
CREATE TABLE `villages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`commune_code` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`name_folded` text NOT NULL,
	FOREIGN KEY (`commune_code`) REFERENCES `communes`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `villages_commune_name_uq` ON `villages` (`commune_code`,`name_folded`);--> statement-breakpoint
CREATE TABLE `usage_daily` (
	`day` text NOT NULL,
	`guide` text NOT NULL,
	`team_id` integer DEFAULT 0 NOT NULL,
	`member_code` text DEFAULT '' NOT NULL,
	`kind` text NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `guide`, `team_id`, `member_code`, `kind`)
);
--> statement-breakpoint
CREATE INDEX `usage_daily_team_idx` ON `usage_daily` (`team_id`,`day`);--> statement-breakpoint
CREATE TABLE `visitor_salts` (
	`day` text PRIMARY KEY NOT NULL,
	`salt` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `visitor_seen` (
	`day` text NOT NULL,
	`guide` text NOT NULL,
	`kind` text NOT NULL,
	`visitor_hash` text NOT NULL,
	PRIMARY KEY(`day`, `guide`, `kind`, `visitor_hash`)
);
