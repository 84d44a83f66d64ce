-- Report rollups kept by the writers (issue 20 point 3): every assists report
-- at national, province and commune level reads at most a few thousand rows,
-- whatever the period. Hand-written (see db/schema/assists.ts).
--
-- A scope is '' (the nation), 'p' || province code or 'c' || commune code.
-- assist_scope_days/months: people helped (and confirmed) per scope, day or
-- month, and task: task totals and weeks read one scope's days; a period's
-- full months come from the months, only its ragged ends from the days.
-- assist_part_days/months: the same per part one level down (kind 'p' province,
-- 'c' commune ('' = the province's own teams), 'v' village ('' = none), 't'
-- team, 'm' member), without task: the places, "most active teams" and the
-- officials' members breakdowns.
-- Rows that fall to 0 stay (readers skip them); voided entries count nowhere.
CREATE TABLE `assist_scope_days` (
	`scope` text NOT NULL,
	`day` text NOT NULL,
	`task` text NOT NULL,
	`people` integer NOT NULL,
	`confirmed` integer NOT NULL,
	PRIMARY KEY(`scope`, `day`, `task`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `assist_scope_months` (
	`scope` text NOT NULL,
	`month` text NOT NULL,
	`task` text NOT NULL,
	`people` integer NOT NULL,
	`confirmed` integer NOT NULL,
	PRIMARY KEY(`scope`, `month`, `task`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `assist_part_days` (
	`scope` text NOT NULL,
	`kind` text NOT NULL,
	`day` text NOT NULL,
	`part` text NOT NULL,
	`people` integer NOT NULL,
	`confirmed` integer NOT NULL,
	PRIMARY KEY(`scope`, `kind`, `day`, `part`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `assist_part_months` (
	`scope` text NOT NULL,
	`kind` text NOT NULL,
	`month` text NOT NULL,
	`part` text NOT NULL,
	`people` integer NOT NULL,
	`confirmed` integer NOT NULL,
	PRIMARY KEY(`scope`, `kind`, `month`, `part`)
) WITHOUT ROWID;
--> statement-breakpoint
-- What is already recorded.
--> statement-breakpoint
INSERT INTO assist_scope_days (scope, day, task, people, confirmed)
SELECT scope, d, task, sum(people), sum(confirmed) FROM (
	SELECT '' AS scope, day AS d, task, people, confirmed FROM assists WHERE voided_at IS NULL
	UNION ALL SELECT 'p' || province_code, day, task, people, confirmed FROM assists WHERE voided_at IS NULL
	UNION ALL SELECT 'c' || commune_code, day, task, people, confirmed FROM assists WHERE voided_at IS NULL AND commune_code IS NOT NULL
) GROUP BY scope, d, task;
--> statement-breakpoint
INSERT INTO assist_scope_months (scope, month, task, people, confirmed)
SELECT scope, d, task, sum(people), sum(confirmed) FROM (
	SELECT '' AS scope, substr(day, 1, 7) AS d, task, people, confirmed FROM assists WHERE voided_at IS NULL
	UNION ALL SELECT 'p' || province_code, substr(day, 1, 7), task, people, confirmed FROM assists WHERE voided_at IS NULL
	UNION ALL SELECT 'c' || commune_code, substr(day, 1, 7), task, people, confirmed FROM assists WHERE voided_at IS NULL AND commune_code IS NOT NULL
) GROUP BY scope, d, task;
--> statement-breakpoint
INSERT INTO assist_part_days (scope, kind, day, part, people, confirmed)
SELECT scope, kind, d, part, sum(people), sum(confirmed) FROM (
	SELECT '' AS scope, 'p' AS kind, province_code AS part, day AS d, people, confirmed FROM assists WHERE voided_at IS NULL
	UNION ALL SELECT 'p' || province_code, 'c', coalesce(commune_code, ''), day, people, confirmed FROM assists WHERE voided_at IS NULL
	UNION ALL SELECT 'p' || province_code, 't', CAST(team_id AS TEXT), day, people, confirmed FROM assists WHERE voided_at IS NULL
	UNION ALL SELECT 'p' || province_code, 'm', CAST(member_id AS TEXT), day, people, confirmed FROM assists WHERE voided_at IS NULL
) GROUP BY scope, kind, d, part;
--> statement-breakpoint
INSERT INTO assist_part_months (scope, kind, month, part, people, confirmed)
SELECT scope, kind, d, part, sum(people), sum(confirmed) FROM (
	SELECT '' AS scope, 'p' AS kind, province_code AS part, substr(day, 1, 7) AS d, people, confirmed FROM assists WHERE voided_at IS NULL
	UNION ALL SELECT 'p' || province_code, 'c', coalesce(commune_code, ''), substr(day, 1, 7), people, confirmed FROM assists WHERE voided_at IS NULL
	UNION ALL SELECT 'p' || province_code, 't', CAST(team_id AS TEXT), substr(day, 1, 7), people, confirmed FROM assists WHERE voided_at IS NULL
	UNION ALL SELECT 'p' || province_code, 'm', CAST(member_id AS TEXT), substr(day, 1, 7), people, confirmed FROM assists WHERE voided_at IS NULL
) GROUP BY scope, kind, d, part;
--> statement-breakpoint
INSERT INTO assist_part_days (scope, kind, day, part, people, confirmed)
SELECT scope, kind, d, part, sum(people), sum(confirmed) FROM (
	SELECT 'c' || commune_code AS scope, 'v' AS kind, coalesce(CAST(village_id AS TEXT), '') AS part, day AS d, people, confirmed FROM assists WHERE voided_at IS NULL AND commune_code IS NOT NULL
	UNION ALL SELECT 'c' || commune_code, 't', CAST(team_id AS TEXT), day, people, confirmed FROM assists WHERE voided_at IS NULL AND commune_code IS NOT NULL
	UNION ALL SELECT 'c' || commune_code, 'm', CAST(member_id AS TEXT), day, people, confirmed FROM assists WHERE voided_at IS NULL AND commune_code IS NOT NULL
) GROUP BY scope, kind, d, part;
--> statement-breakpoint
INSERT INTO assist_part_months (scope, kind, month, part, people, confirmed)
SELECT scope, kind, d, part, sum(people), sum(confirmed) FROM (
	SELECT 'c' || commune_code AS scope, 'v' AS kind, coalesce(CAST(village_id AS TEXT), '') AS part, substr(day, 1, 7) AS d, people, confirmed FROM assists WHERE voided_at IS NULL AND commune_code IS NOT NULL
	UNION ALL SELECT 'c' || commune_code, 't', CAST(team_id AS TEXT), substr(day, 1, 7), people, confirmed FROM assists WHERE voided_at IS NULL AND commune_code IS NOT NULL
	UNION ALL SELECT 'c' || commune_code, 'm', CAST(member_id AS TEXT), substr(day, 1, 7), people, confirmed FROM assists WHERE voided_at IS NULL AND commune_code IS NOT NULL
) GROUP BY scope, kind, d, part;
--> statement-breakpoint
-- Every write to assists moves the rollups in the same transaction. A
-- confirmation reaches them too: it updates assists.confirmed (migration 0012).
--> statement-breakpoint
CREATE TRIGGER `assists_rollups_ai` AFTER INSERT ON `assists` WHEN NEW.`voided_at` IS NULL BEGIN
	INSERT INTO assist_scope_days (scope, day, task, people, confirmed)
	SELECT s.scope, NEW.day, NEW.task, NEW.people, NEW.confirmed FROM (SELECT '' AS scope UNION ALL SELECT 'p' || NEW.province_code UNION ALL SELECT 'c' || NEW.commune_code) s WHERE s.scope IS NOT NULL
	ON CONFLICT DO UPDATE SET people = people + excluded.people, confirmed = confirmed + excluded.confirmed;
	INSERT INTO assist_scope_months (scope, month, task, people, confirmed)
	SELECT s.scope, substr(NEW.day, 1, 7), NEW.task, NEW.people, NEW.confirmed FROM (SELECT '' AS scope UNION ALL SELECT 'p' || NEW.province_code UNION ALL SELECT 'c' || NEW.commune_code) s WHERE s.scope IS NOT NULL
	ON CONFLICT DO UPDATE SET people = people + excluded.people, confirmed = confirmed + excluded.confirmed;
	INSERT INTO assist_part_days (scope, kind, day, part, people, confirmed)
	SELECT s.scope, s.kind, NEW.day, s.part, NEW.people, NEW.confirmed FROM (SELECT '' AS scope, 'p' AS kind, NEW.province_code AS part UNION ALL SELECT 'p' || NEW.province_code, 'c', coalesce(NEW.commune_code, '')
		UNION ALL SELECT 'p' || NEW.province_code, 't', CAST(NEW.team_id AS TEXT) UNION ALL SELECT 'p' || NEW.province_code, 'm', CAST(NEW.member_id AS TEXT)) s WHERE s.scope IS NOT NULL
	ON CONFLICT DO UPDATE SET people = people + excluded.people, confirmed = confirmed + excluded.confirmed;
	INSERT INTO assist_part_months (scope, kind, month, part, people, confirmed)
	SELECT s.scope, s.kind, substr(NEW.day, 1, 7), s.part, NEW.people, NEW.confirmed FROM (SELECT '' AS scope, 'p' AS kind, NEW.province_code AS part UNION ALL SELECT 'p' || NEW.province_code, 'c', coalesce(NEW.commune_code, '')
		UNION ALL SELECT 'p' || NEW.province_code, 't', CAST(NEW.team_id AS TEXT) UNION ALL SELECT 'p' || NEW.province_code, 'm', CAST(NEW.member_id AS TEXT)) s WHERE s.scope IS NOT NULL
	ON CONFLICT DO UPDATE SET people = people + excluded.people, confirmed = confirmed + excluded.confirmed;
	INSERT INTO assist_part_days (scope, kind, day, part, people, confirmed)
	SELECT s.scope, s.kind, NEW.day, s.part, NEW.people, NEW.confirmed FROM (SELECT 'c' || NEW.commune_code AS scope, 'v' AS kind, coalesce(CAST(NEW.village_id AS TEXT), '') AS part
		UNION ALL SELECT 'c' || NEW.commune_code, 't', CAST(NEW.team_id AS TEXT) UNION ALL SELECT 'c' || NEW.commune_code, 'm', CAST(NEW.member_id AS TEXT)) s WHERE s.scope IS NOT NULL
	ON CONFLICT DO UPDATE SET people = people + excluded.people, confirmed = confirmed + excluded.confirmed;
	INSERT INTO assist_part_months (scope, kind, month, part, people, confirmed)
	SELECT s.scope, s.kind, substr(NEW.day, 1, 7), s.part, NEW.people, NEW.confirmed FROM (SELECT 'c' || NEW.commune_code AS scope, 'v' AS kind, coalesce(CAST(NEW.village_id AS TEXT), '') AS part
		UNION ALL SELECT 'c' || NEW.commune_code, 't', CAST(NEW.team_id AS TEXT) UNION ALL SELECT 'c' || NEW.commune_code, 'm', CAST(NEW.member_id AS TEXT)) s WHERE s.scope IS NOT NULL
	ON CONFLICT DO UPDATE SET people = people + excluded.people, confirmed = confirmed + excluded.confirmed;
END;
--> statement-breakpoint
CREATE TRIGGER `assists_rollups_ad` AFTER DELETE ON `assists` WHEN OLD.`voided_at` IS NULL BEGIN
	INSERT INTO assist_scope_days (scope, day, task, people, confirmed)
	SELECT s.scope, OLD.day, OLD.task, -OLD.people, -OLD.confirmed FROM (SELECT '' AS scope UNION ALL SELECT 'p' || OLD.province_code UNION ALL SELECT 'c' || OLD.commune_code) s WHERE s.scope IS NOT NULL
	ON CONFLICT DO UPDATE SET people = people + excluded.people, confirmed = confirmed + excluded.confirmed;
	INSERT INTO assist_scope_months (scope, month, task, people, confirmed)
	SELECT s.scope, substr(OLD.day, 1, 7), OLD.task, -OLD.people, -OLD.confirmed FROM (SELECT '' AS scope UNION ALL SELECT 'p' || OLD.province_code UNION ALL SELECT 'c' || OLD.commune_code) s WHERE s.scope IS NOT NULL
	ON CONFLICT DO UPDATE SET people = people + excluded.people, confirmed = confirmed + excluded.confirmed;
	INSERT INTO assist_part_days (scope, kind, day, part, people, confirmed)
	SELECT s.scope, s.kind, OLD.day, s.part, -OLD.people, -OLD.confirmed FROM (SELECT '' AS scope, 'p' AS kind, OLD.province_code AS part UNION ALL SELECT 'p' || OLD.province_code, 'c', coalesce(OLD.commune_code, '')
		UNION ALL SELECT 'p' || OLD.province_code, 't', CAST(OLD.team_id AS TEXT) UNION ALL SELECT 'p' || OLD.province_code, 'm', CAST(OLD.member_id AS TEXT)) s WHERE s.scope IS NOT NULL
	ON CONFLICT DO UPDATE SET people = people + excluded.people, confirmed = confirmed + excluded.confirmed;
	INSERT INTO assist_part_months (scope, kind, month, part, people, confirmed)
	SELECT s.scope, s.kind, substr(OLD.day, 1, 7), s.part, -OLD.people, -OLD.confirmed FROM (SELECT '' AS scope, 'p' AS kind, OLD.province_code AS part UNION ALL SELECT 'p' || OLD.province_code, 'c', coalesce(OLD.commune_code, '')
		UNION ALL SELECT 'p' || OLD.province_code, 't', CAST(OLD.team_id AS TEXT) UNION ALL SELECT 'p' || OLD.province_code, 'm', CAST(OLD.member_id AS TEXT)) s WHERE s.scope IS NOT NULL
	ON CONFLICT DO UPDATE SET people = people + excluded.people, confirmed = confirmed + excluded.confirmed;
	INSERT INTO assist_part_days (scope, kind, day, part, people, confirmed)
	SELECT s.scope, s.kind, OLD.day, s.part, -OLD.people, -OLD.confirmed FROM (SELECT 'c' || OLD.commune_code AS scope, 'v' AS kind, coalesce(CAST(OLD.village_id AS TEXT), '') AS part
		UNION ALL SELECT 'c' || OLD.commune_code, 't', CAST(OLD.team_id AS TEXT) UNION ALL SELECT 'c' || OLD.commune_code, 'm', CAST(OLD.member_id AS TEXT)) s WHERE s.scope IS NOT NULL
	ON CONFLICT DO UPDATE SET people = people + excluded.people, confirmed = confirmed + excluded.confirmed;
	INSERT INTO assist_part_months (scope, kind, month, part, people, confirmed)
	SELECT s.scope, s.kind, substr(OLD.day, 1, 7), s.part, -OLD.people, -OLD.confirmed FROM (SELECT 'c' || OLD.commune_code AS scope, 'v' AS kind, coalesce(CAST(OLD.village_id AS TEXT), '') AS part
		UNION ALL SELECT 'c' || OLD.commune_code, 't', CAST(OLD.team_id AS TEXT) UNION ALL SELECT 'c' || OLD.commune_code, 'm', CAST(OLD.member_id AS TEXT)) s WHERE s.scope IS NOT NULL
	ON CONFLICT DO UPDATE SET people = people + excluded.people, confirmed = confirmed + excluded.confirmed;
END;
--> statement-breakpoint
CREATE TRIGGER `assists_rollups_au_old` AFTER UPDATE OF `people`, `confirmed`, `task`, `day`, `voided_at`, `province_code`, `commune_code`, `village_id`, `team_id`, `member_id` ON `assists` WHEN OLD.`voided_at` IS NULL BEGIN
	INSERT INTO assist_scope_days (scope, day, task, people, confirmed)
	SELECT s.scope, OLD.day, OLD.task, -OLD.people, -OLD.confirmed FROM (SELECT '' AS scope UNION ALL SELECT 'p' || OLD.province_code UNION ALL SELECT 'c' || OLD.commune_code) s WHERE s.scope IS NOT NULL
	ON CONFLICT DO UPDATE SET people = people + excluded.people, confirmed = confirmed + excluded.confirmed;
	INSERT INTO assist_scope_months (scope, month, task, people, confirmed)
	SELECT s.scope, substr(OLD.day, 1, 7), OLD.task, -OLD.people, -OLD.confirmed FROM (SELECT '' AS scope UNION ALL SELECT 'p' || OLD.province_code UNION ALL SELECT 'c' || OLD.commune_code) s WHERE s.scope IS NOT NULL
	ON CONFLICT DO UPDATE SET people = people + excluded.people, confirmed = confirmed + excluded.confirmed;
	INSERT INTO assist_part_days (scope, kind, day, part, people, confirmed)
	SELECT s.scope, s.kind, OLD.day, s.part, -OLD.people, -OLD.confirmed FROM (SELECT '' AS scope, 'p' AS kind, OLD.province_code AS part UNION ALL SELECT 'p' || OLD.province_code, 'c', coalesce(OLD.commune_code, '')
		UNION ALL SELECT 'p' || OLD.province_code, 't', CAST(OLD.team_id AS TEXT) UNION ALL SELECT 'p' || OLD.province_code, 'm', CAST(OLD.member_id AS TEXT)) s WHERE s.scope IS NOT NULL
	ON CONFLICT DO UPDATE SET people = people + excluded.people, confirmed = confirmed + excluded.confirmed;
	INSERT INTO assist_part_months (scope, kind, month, part, people, confirmed)
	SELECT s.scope, s.kind, substr(OLD.day, 1, 7), s.part, -OLD.people, -OLD.confirmed FROM (SELECT '' AS scope, 'p' AS kind, OLD.province_code AS part UNION ALL SELECT 'p' || OLD.province_code, 'c', coalesce(OLD.commune_code, '')
		UNION ALL SELECT 'p' || OLD.province_code, 't', CAST(OLD.team_id AS TEXT) UNION ALL SELECT 'p' || OLD.province_code, 'm', CAST(OLD.member_id AS TEXT)) s WHERE s.scope IS NOT NULL
	ON CONFLICT DO UPDATE SET people = people + excluded.people, confirmed = confirmed + excluded.confirmed;
	INSERT INTO assist_part_days (scope, kind, day, part, people, confirmed)
	SELECT s.scope, s.kind, OLD.day, s.part, -OLD.people, -OLD.confirmed FROM (SELECT 'c' || OLD.commune_code AS scope, 'v' AS kind, coalesce(CAST(OLD.village_id AS TEXT), '') AS part
		UNION ALL SELECT 'c' || OLD.commune_code, 't', CAST(OLD.team_id AS TEXT) UNION ALL SELECT 'c' || OLD.commune_code, 'm', CAST(OLD.member_id AS TEXT)) s WHERE s.scope IS NOT NULL
	ON CONFLICT DO UPDATE SET people = people + excluded.people, confirmed = confirmed + excluded.confirmed;
	INSERT INTO assist_part_months (scope, kind, month, part, people, confirmed)
	SELECT s.scope, s.kind, substr(OLD.day, 1, 7), s.part, -OLD.people, -OLD.confirmed FROM (SELECT 'c' || OLD.commune_code AS scope, 'v' AS kind, coalesce(CAST(OLD.village_id AS TEXT), '') AS part
		UNION ALL SELECT 'c' || OLD.commune_code, 't', CAST(OLD.team_id AS TEXT) UNION ALL SELECT 'c' || OLD.commune_code, 'm', CAST(OLD.member_id AS TEXT)) s WHERE s.scope IS NOT NULL
	ON CONFLICT DO UPDATE SET people = people + excluded.people, confirmed = confirmed + excluded.confirmed;
END;
--> statement-breakpoint
CREATE TRIGGER `assists_rollups_au_new` AFTER UPDATE OF `people`, `confirmed`, `task`, `day`, `voided_at`, `province_code`, `commune_code`, `village_id`, `team_id`, `member_id` ON `assists` WHEN NEW.`voided_at` IS NULL BEGIN
	INSERT INTO assist_scope_days (scope, day, task, people, confirmed)
	SELECT s.scope, NEW.day, NEW.task, NEW.people, NEW.confirmed FROM (SELECT '' AS scope UNION ALL SELECT 'p' || NEW.province_code UNION ALL SELECT 'c' || NEW.commune_code) s WHERE s.scope IS NOT NULL
	ON CONFLICT DO UPDATE SET people = people + excluded.people, confirmed = confirmed + excluded.confirmed;
	INSERT INTO assist_scope_months (scope, month, task, people, confirmed)
	SELECT s.scope, substr(NEW.day, 1, 7), NEW.task, NEW.people, NEW.confirmed FROM (SELECT '' AS scope UNION ALL SELECT 'p' || NEW.province_code UNION ALL SELECT 'c' || NEW.commune_code) s WHERE s.scope IS NOT NULL
	ON CONFLICT DO UPDATE SET people = people + excluded.people, confirmed = confirmed + excluded.confirmed;
	INSERT INTO assist_part_days (scope, kind, day, part, people, confirmed)
	SELECT s.scope, s.kind, NEW.day, s.part, NEW.people, NEW.confirmed FROM (SELECT '' AS scope, 'p' AS kind, NEW.province_code AS part UNION ALL SELECT 'p' || NEW.province_code, 'c', coalesce(NEW.commune_code, '')
		UNION ALL SELECT 'p' || NEW.province_code, 't', CAST(NEW.team_id AS TEXT) UNION ALL SELECT 'p' || NEW.province_code, 'm', CAST(NEW.member_id AS TEXT)) s WHERE s.scope IS NOT NULL
	ON CONFLICT DO UPDATE SET people = people + excluded.people, confirmed = confirmed + excluded.confirmed;
	INSERT INTO assist_part_months (scope, kind, month, part, people, confirmed)
	SELECT s.scope, s.kind, substr(NEW.day, 1, 7), s.part, NEW.people, NEW.confirmed FROM (SELECT '' AS scope, 'p' AS kind, NEW.province_code AS part UNION ALL SELECT 'p' || NEW.province_code, 'c', coalesce(NEW.commune_code, '')
		UNION ALL SELECT 'p' || NEW.province_code, 't', CAST(NEW.team_id AS TEXT) UNION ALL SELECT 'p' || NEW.province_code, 'm', CAST(NEW.member_id AS TEXT)) s WHERE s.scope IS NOT NULL
	ON CONFLICT DO UPDATE SET people = people + excluded.people, confirmed = confirmed + excluded.confirmed;
	INSERT INTO assist_part_days (scope, kind, day, part, people, confirmed)
	SELECT s.scope, s.kind, NEW.day, s.part, NEW.people, NEW.confirmed FROM (SELECT 'c' || NEW.commune_code AS scope, 'v' AS kind, coalesce(CAST(NEW.village_id AS TEXT), '') AS part
		UNION ALL SELECT 'c' || NEW.commune_code, 't', CAST(NEW.team_id AS TEXT) UNION ALL SELECT 'c' || NEW.commune_code, 'm', CAST(NEW.member_id AS TEXT)) s WHERE s.scope IS NOT NULL
	ON CONFLICT DO UPDATE SET people = people + excluded.people, confirmed = confirmed + excluded.confirmed;
	INSERT INTO assist_part_months (scope, kind, month, part, people, confirmed)
	SELECT s.scope, s.kind, substr(NEW.day, 1, 7), s.part, NEW.people, NEW.confirmed FROM (SELECT 'c' || NEW.commune_code AS scope, 'v' AS kind, coalesce(CAST(NEW.village_id AS TEXT), '') AS part
		UNION ALL SELECT 'c' || NEW.commune_code, 't', CAST(NEW.team_id AS TEXT) UNION ALL SELECT 'c' || NEW.commune_code, 'm', CAST(NEW.member_id AS TEXT)) s WHERE s.scope IS NOT NULL
	ON CONFLICT DO UPDATE SET people = people + excluded.people, confirmed = confirmed + excluded.confirmed;
END;
