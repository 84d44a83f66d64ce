-- Help in person (issue 17): duty shifts at the commune service centre and
-- help sessions in villages, planned by commune officers. One form sent = one
-- duty_plans row (its form_key is unique, so a double tap plans once); a
-- repeating rule's plan makes one duty_events row per date. Days and times are
-- Vietnam time (UTC+7, no daylight saving).
CREATE TABLE `duty_plans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`form_key` text NOT NULL,
	`province_code` text NOT NULL,
	`commune_code` text NOT NULL,
	`kind` text NOT NULL,
	`weekdays` text NOT NULL DEFAULT '',
	`first_day` text NOT NULL,
	`last_day` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`commune_code`) REFERENCES `communes`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "duty_plans_kind_ck" CHECK("duty_plans"."kind" in ('shift', 'session'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `duty_plans_form_key_uq` ON `duty_plans` (`form_key`);
--> statement-breakpoint
CREATE TABLE `duty_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`plan_id` integer NOT NULL,
	`kind` text NOT NULL,
	`province_code` text NOT NULL,
	`commune_code` text NOT NULL,
	`day` text NOT NULL,
	`start_time` text NOT NULL,
	`end_time` text NOT NULL,
	`place` text NOT NULL,
	`village_id` integer,
	`topics` text NOT NULL DEFAULT '[]',
	`status` text NOT NULL DEFAULT 'planned',
	`moved_from` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `duty_plans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`commune_code`) REFERENCES `communes`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "duty_events_kind_ck" CHECK("duty_events"."kind" in ('shift', 'session')),
	CONSTRAINT "duty_events_status_ck" CHECK("duty_events"."status" in ('planned', 'cancelled'))
);
--> statement-breakpoint
CREATE INDEX `duty_events_commune_day_idx` ON `duty_events` (`commune_code`,`day`,`start_time`);
--> statement-breakpoint
CREATE INDEX `duty_events_plan_idx` ON `duty_events` (`plan_id`);
--> statement-breakpoint
CREATE TABLE `duty_assignments` (
	`event_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`cannot_come_at` integer,
	`served_at` integer,
	`served_by` text,
	PRIMARY KEY(`event_id`, `member_id`),
	FOREIGN KEY (`event_id`) REFERENCES `duty_events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `duty_assignments_member_idx` ON `duty_assignments` (`member_id`,`event_id`);
