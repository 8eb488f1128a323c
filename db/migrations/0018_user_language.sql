-- The language a person's notifications are written in (ISO 639-1; @handled/core/notification-choices).
ALTER TABLE `user` ADD `language` text DEFAULT 'en' NOT NULL;
