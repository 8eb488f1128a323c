-- The operator console (issue 18): a person an operator suspended, and why. The `support` role is a
-- new value of user.role (a text column without a check), so it needs no DDL.
ALTER TABLE `user` ADD `suspended_at` integer;
--> statement-breakpoint
ALTER TABLE `user` ADD `suspended_reason` text;
