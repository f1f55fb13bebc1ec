CREATE TABLE "pending_imports" (
	"staff_id" integer NOT NULL,
	"sha256" text NOT NULL,
	"kind" text NOT NULL,
	"encoding" text NOT NULL,
	"file_name" text NOT NULL,
	"content" "bytea" NOT NULL,
	"stored_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pending_imports_staff_id_sha256_pk" PRIMARY KEY("staff_id","sha256")
);
--> statement-breakpoint
ALTER TABLE "pending_imports" ADD CONSTRAINT "pending_imports_staff_id_staff_users_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pending_imports_stored_idx" ON "pending_imports" USING btree ("stored_at");