-- Citizens confirm the help they got (issue 23). One row per person confirming an
-- assist entry; nothing about the citizen but the salted daily visitor hash.
CREATE TABLE `assist_confirmations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`assist_id` integer NOT NULL,
	`visitor` text NOT NULL,
	`day` text NOT NULL,
	`confirmed_at` integer NOT NULL,
	FOREIGN KEY (`assist_id`) REFERENCES `assists`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assist_confirmations_visitor_uq` ON `assist_confirmations` (`assist_id`,`visitor`);