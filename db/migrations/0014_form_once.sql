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
