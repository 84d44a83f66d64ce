-- Scam alerts (issue 18): cards published by national and province admins, and
-- the members who passed each one on ("đã phổ biến"). Nothing about the people
-- reached: a channel and a rough count only.
CREATE TABLE `scam_alerts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`scam_text` text NOT NULL,
	`advice_text` text NOT NULL,
	`contacts_json` text DEFAULT '[]' NOT NULL,
	`guides_json` text DEFAULT '[]' NOT NULL,
	`province_code` text,
	`starts_on` text NOT NULL,
	`ends_on` text NOT NULL,
	`form_key` text NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`withdrawn_at` integer,
	FOREIGN KEY (`province_code`) REFERENCES `provinces`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `officials`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "scam_alerts_window_check" CHECK("scam_alerts"."starts_on" <= "scam_alerts"."ends_on")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scam_alerts_slug_uq` ON `scam_alerts` (`slug`);--> statement-breakpoint
CREATE UNIQUE INDEX `scam_alerts_form_key_uq` ON `scam_alerts` (`form_key`);--> statement-breakpoint
CREATE INDEX `scam_alerts_current_idx` ON `scam_alerts` (`ends_on`,`starts_on`);--> statement-breakpoint
CREATE TABLE `scam_alert_reach` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`alert_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`team_id` integer NOT NULL,
	`province_code` text NOT NULL,
	`commune_code` text,
	`channel` text NOT NULL,
	`people` integer NOT NULL,
	`first_day` text NOT NULL,
	`day` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`alert_id`) REFERENCES `scam_alerts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "scam_alert_reach_people_check" CHECK("scam_alert_reach"."people" BETWEEN 1 AND 500),
	CONSTRAINT "scam_alert_reach_channel_check" CHECK("scam_alert_reach"."channel" IN ('zalo', 'loa', 'hop', 'truc-tiep'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scam_alert_reach_member_uq` ON `scam_alert_reach` (`alert_id`,`member_id`);--> statement-breakpoint
CREATE INDEX `scam_alert_reach_alert_place_idx` ON `scam_alert_reach` (`alert_id`,`province_code`,`commune_code`);--> statement-breakpoint
CREATE INDEX `scam_alert_reach_member_day_idx` ON `scam_alert_reach` (`member_id`,`day`);
