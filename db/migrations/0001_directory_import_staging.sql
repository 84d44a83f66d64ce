CREATE TABLE `directory_import_chunks` (
	`import_id` text NOT NULL,
	`chunk_no` integer NOT NULL,
	`kind` text NOT NULL,
	`rows` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`import_id`, `chunk_no`)
);
