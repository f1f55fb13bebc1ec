-- Staff e-mail (issue 17, item 3): an optional address and the daily-digest choice, none by default.
ALTER TABLE "staff_users" ADD COLUMN "email" text;--> statement-breakpoint
ALTER TABLE "staff_users" ADD COLUMN "email_digest" boolean DEFAULT false NOT NULL;