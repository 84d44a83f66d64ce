-- Officials, their sessions and invitations, two-step sign-in, and the audit
-- log (issue 8). Hand-written; db/schema/officials.ts mirrors it.
CREATE TABLE `officials` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`province_code` text REFERENCES `provinces`(`code`),
	`commune_code` text REFERENCES `communes`(`code`),
	`password_hash` text NOT NULL,
	`totp_key` text,
	`totp_enabled_at` integer,
	`disabled_at` integer,
	`created_at` integer NOT NULL,
	`invited_by` integer REFERENCES `officials`(`id`),
	CONSTRAINT `officials_role_ck` CHECK(`role` in ('national', 'province', 'commune')),
	-- A national admin has no scope code, a province admin only a province, a commune officer both.
	CONSTRAINT `officials_scope_ck` CHECK(
		(`role` = 'national' AND `province_code` IS NULL AND `commune_code` IS NULL)
		OR (`role` = 'province' AND `province_code` IS NOT NULL AND `commune_code` IS NULL)
		OR (`role` = 'commune' AND `province_code` IS NOT NULL AND `commune_code` IS NOT NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `officials_username_uq` ON `officials` (`username`);
--> statement-breakpoint
CREATE INDEX `officials_scope_idx` ON `officials` (`province_code`, `commune_code`);
--> statement-breakpoint
-- id is SHA-256 of the cookie's token: a leaked table cannot be replayed as cookies.
CREATE TABLE `official_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`official_id` integer NOT NULL REFERENCES `officials`(`id`),
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`two_factor_verified` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `official_sessions_official_idx` ON `official_sessions` (`official_id`);
--> statement-breakpoint
CREATE TABLE `official_recovery_codes` (
	`official_id` integer NOT NULL REFERENCES `officials`(`id`),
	`code_hash` text NOT NULL,
	`used_at` integer,
	PRIMARY KEY(`official_id`, `code_hash`)
);
--> statement-breakpoint
CREATE TABLE `invitations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`token_hash` text NOT NULL,
	`role` text NOT NULL,
	`province_code` text REFERENCES `provinces`(`code`),
	`commune_code` text REFERENCES `communes`(`code`),
	`display_name` text NOT NULL,
	`created_by` integer REFERENCES `officials`(`id`),
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`revoked_at` integer,
	`official_id` integer REFERENCES `officials`(`id`),
	CONSTRAINT `invitations_role_ck` CHECK(`role` in ('national', 'province', 'commune'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_token_uq` ON `invitations` (`token_hash`);
--> statement-breakpoint
CREATE INDEX `invitations_scope_idx` ON `invitations` (`province_code`, `commune_code`);
--> statement-breakpoint
-- Who did what, when, before → after. province_code/commune_code are the
-- scope of what changed: officials read the entries of their scope and below.
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`official_id` integer REFERENCES `officials`(`id`),
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`province_code` text,
	`commune_code` text,
	`subject` text,
	`before_json` text,
	`after_json` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_scope_idx` ON `audit_log` (`province_code`, `commune_code`, `id`);
--> statement-breakpoint
-- The day a member agreed to have their phone published (ISO date), null without consent.
ALTER TABLE `members` ADD `consent_date` text;
