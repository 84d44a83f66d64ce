// Every table of the app; drizzle-kit reads this file to generate migrations.
export * from './directory.ts';
export * from './usage.ts';
export * from './directory-import.ts';
export * from './assists.ts';
export * from './officials.ts';
export * from './directory-reads.ts';
export * from './alerts.ts';
export * from './rosters.ts';
export * from './forms.ts';
