CREATE TABLE `drafts` (
	`id` text PRIMARY KEY NOT NULL,
	`scenario_id` text,
	`base_version` integer,
	`document` text NOT NULL,
	`step` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`scenario_id`) REFERENCES `scenarios`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `drafts_updated_idx` ON `drafts` (`updated_at`);