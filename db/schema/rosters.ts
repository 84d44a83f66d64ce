import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { communes, members, villages } from './directory.ts';

/** A duty shift at the commune service centre, or a help session in a village (issue 17). */
export const dutyKinds = ['shift', 'session'] as const;
export type DutyKind = (typeof dutyKinds)[number];
export const dutyStatuses = ['planned', 'cancelled'] as const;

/**
 * One planning form sent by an official: a single shift or session, or a
 * repeating rule ("every Tuesday and Thursday morning", weekdays "2,4", ISO
 * 1 = Monday) over first_day..last_day. form_key is the form's one-time key:
 * a double tap finds it taken and plans nothing twice.
 */
export const dutyPlans = sqliteTable(
  'duty_plans',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    formKey: text('form_key').notNull(),
    provinceCode: text('province_code').notNull(),
    communeCode: text('commune_code')
      .notNull()
      .references(() => communes.code),
    kind: text('kind', { enum: dutyKinds }).notNull(),
    weekdays: text('weekdays').notNull().default(''),
    /** YYYY-MM-DD, Vietnam time. */
    firstDay: text('first_day').notNull(),
    lastDay: text('last_day').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('duty_plans_form_key_uq').on(t.formKey), check('duty_plans_kind_ck', sql`${t.kind} in ('shift', 'session')`)],
);

/** One shift or session on one day; moved or cancelled one by one. */
export const dutyEvents = sqliteTable(
  'duty_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    planId: integer('plan_id')
      .notNull()
      .references(() => dutyPlans.id),
    kind: text('kind', { enum: dutyKinds }).notNull(),
    provinceCode: text('province_code').notNull(),
    communeCode: text('commune_code')
      .notNull()
      .references(() => communes.code),
    /** YYYY-MM-DD and HH:MM, Vietnam time. */
    day: text('day').notNull(),
    startTime: text('start_time').notNull(),
    endTime: text('end_time').notNull(),
    place: text('place').notNull(),
    villageId: integer('village_id').references(() => villages.id),
    /** JSON array of assist task ids (functions/assists/tasks.ts). */
    topics: text('topics').notNull().default('[]'),
    status: text('status', { enum: dutyStatuses }).notNull().default('planned'),
    /** "YYYY-MM-DD HH:MM" it was planned for before its last move. */
    movedFrom: text('moved_from'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    index('duty_events_commune_day_idx').on(t.communeCode, t.day, t.startTime),
    index('duty_events_plan_idx').on(t.planId),
    check('duty_events_kind_ck', sql`${t.kind} in ('shift', 'session')`),
    check('duty_events_status_ck', sql`${t.status} in ('planned', 'cancelled')`),
  ],
);

/** Members on duty at an event: whether they said they cannot come, and whether they served. */
export const dutyAssignments = sqliteTable(
  'duty_assignments',
  {
    eventId: integer('event_id')
      .notNull()
      .references(() => dutyEvents.id, { onDelete: 'cascade' }),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id),
    cannotComeAt: integer('cannot_come_at'),
    servedAt: integer('served_at'),
    /** "member" or "official:<username>". */
    servedBy: text('served_by'),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.memberId] }), index('duty_assignments_member_idx').on(t.memberId, t.eventId)],
);
