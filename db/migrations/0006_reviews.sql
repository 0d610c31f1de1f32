CREATE TABLE `version_reviews` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`scenario_id` text NOT NULL,
	`version` integer NOT NULL,
	`status` text NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`user_id` text,
	`user_name` text NOT NULL,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`scenario_id`) REFERENCES `scenarios`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `version_reviews_version_idx` ON `version_reviews` (`scenario_id`,`version`);--> statement-breakpoint
ALTER TABLE `drafts` ADD `hospital_id` text;--> statement-breakpoint
ALTER TABLE `drafts` ADD `user_id` text;