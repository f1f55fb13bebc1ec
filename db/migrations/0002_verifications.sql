CREATE TABLE "verification_records" (
	"id" text PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"institution_id" integer,
	"input" jsonb NOT NULL,
	"facts" jsonb NOT NULL,
	"verdict" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "verification_records" ADD CONSTRAINT "verification_records_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "verification_records_institution_idx" ON "verification_records" USING btree ("institution_id");