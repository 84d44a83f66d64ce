-- Issue 22: GET /api/assists is cached at the edge under the assists version,
-- bumped by every change to an entry (recorded, edited, deleted, voided), so a
-- cached answer is never served after a change, as directory_version does for
-- the directory. Triggers, not the writers: no write path can forget it.
CREATE TABLE `assists_version` (
	`id` integer PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	CONSTRAINT "assists_version_one_row" CHECK("assists_version"."id" = 1)
);
--> statement-breakpoint
INSERT INTO `assists_version` (`id`, `version`) VALUES (1, 0);
--> statement-breakpoint
CREATE TRIGGER `assists_version_ai` AFTER INSERT ON `assists` BEGIN
  UPDATE `assists_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `assists_version_au` AFTER UPDATE ON `assists` BEGIN
  UPDATE `assists_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `assists_version_ad` AFTER DELETE ON `assists` BEGIN
  UPDATE `assists_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
