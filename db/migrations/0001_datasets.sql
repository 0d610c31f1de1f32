CREATE TABLE `column_mappings` (
	`hospital` text NOT NULL,
	`header` text NOT NULL,
	`meaning` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`hospital`, `header`)
);
--> statement-breakpoint
CREATE TABLE `dataset_observations` (
	`dataset_id` text NOT NULL,
	`row` integer NOT NULL,
	`workflow_id` text NOT NULL,
	`role` text,
	`department` text,
	`date` text,
	`phase` text NOT NULL,
	`minutes` real NOT NULL,
	`verification_minutes` real,
	FOREIGN KEY (`dataset_id`) REFERENCES `datasets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `observations_dataset_idx` ON `dataset_observations` (`dataset_id`,`workflow_id`,`phase`);--> statement-breakpoint
CREATE TABLE `dataset_volumes` (
	`dataset_id` text NOT NULL,
	`row` integer NOT NULL,
	`month` text NOT NULL,
	`measure` text,
	`workflow_id` text,
	`department` text,
	`count` real NOT NULL,
	FOREIGN KEY (`dataset_id`) REFERENCES `datasets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `volumes_dataset_idx` ON `dataset_volumes` (`dataset_id`);--> statement-breakpoint
CREATE TABLE `datasets` (
	`id` text PRIMARY KEY NOT NULL,
	`scenario_id` text NOT NULL,
	`kind` text NOT NULL,
	`file_name` text NOT NULL,
	`file_hash` text NOT NULL,
	`file_bytes` integer NOT NULL,
	`format` text NOT NULL,
	`encoding` text,
	`separator` text,
	`mapping` text NOT NULL,
	`row_count` integer NOT NULL,
	`uploaded_by` text NOT NULL,
	`uploaded_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`scenario_id`) REFERENCES `scenarios`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `datasets_scenario_idx` ON `datasets` (`scenario_id`);--> statement-breakpoint
CREATE TABLE `pending_uploads` (
	`id` text PRIMARY KEY NOT NULL,
	`scenario_id` text NOT NULL,
	`file_name` text NOT NULL,
	`bytes` blob NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`scenario_id`) REFERENCES `scenarios`(`id`) ON UPDATE no action ON DELETE cascade
);
