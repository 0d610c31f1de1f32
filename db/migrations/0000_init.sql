CREATE TABLE `reference_figures` (
	`id` text PRIMARY KEY NOT NULL,
	`section` text NOT NULL,
	`topic` text NOT NULL,
	`label_en` text NOT NULL,
	`label_zh` text NOT NULL,
	`value` real,
	`low` real,
	`high` real,
	`unit` text NOT NULL,
	`year` text NOT NULL,
	`region` text NOT NULL,
	`source` text NOT NULL,
	`grade` text NOT NULL,
	`usable_as_default` integer NOT NULL,
	`notes` text,
	`data` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `reference_topic_idx` ON `reference_figures` (`topic`);--> statement-breakpoint
CREATE TABLE `scenario_versions` (
	`scenario_id` text NOT NULL,
	`version` integer NOT NULL,
	`document` text NOT NULL,
	`saved_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`saved_by` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	PRIMARY KEY(`scenario_id`, `version`),
	FOREIGN KEY (`scenario_id`) REFERENCES `scenarios`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `scenarios` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`hospital_name` text NOT NULL,
	`latest_version` integer NOT NULL,
	`archived` integer DEFAULT false NOT NULL,
	`bundled_key` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scenarios_bundled_key_unique` ON `scenarios` (`bundled_key`);--> statement-breakpoint
CREATE INDEX `scenarios_updated_idx` ON `scenarios` (`updated_at`);