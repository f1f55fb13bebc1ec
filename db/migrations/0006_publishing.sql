CREATE TABLE "contract_files" (
	"contract_id" integer PRIMARY KEY NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"content" "bytea" NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_by" integer NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection_draws" (
	"id" serial PRIMARY KEY NOT NULL,
	"department" text NOT NULL,
	"algorithm" text NOT NULL,
	"seed" text NOT NULL,
	"filters" jsonb NOT NULL,
	"size" integer NOT NULL,
	"population" text[] NOT NULL,
	"pool" jsonb NOT NULL,
	"result" jsonb NOT NULL,
	"planned_on" date NOT NULL,
	"drawn_by" integer NOT NULL,
	"drawn_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspectors" (
	"id" serial PRIMARY KEY NOT NULL,
	"department" text NOT NULL,
	"badge_number" text NOT NULL,
	"name" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "list_proposals" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"institution_id" integer NOT NULL,
	"list" text NOT NULL,
	"reason" text NOT NULL,
	"legal_basis" text NOT NULL,
	"department" text NOT NULL,
	"effective_on" date NOT NULL,
	"source_inspection_ids" integer[] DEFAULT '{}'::int[] NOT NULL,
	"source_complaint_ids" integer[] DEFAULT '{}'::int[] NOT NULL,
	"decision_id" integer,
	"status" text DEFAULT 'pending' NOT NULL,
	"proposed_by" integer NOT NULL,
	"proposed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reviewed_by" integer,
	"reviewed_at" timestamp with time zone,
	"review_note" text,
	CONSTRAINT "list_proposals_four_eyes" CHECK ("list_proposals"."reviewed_by" IS NULL OR "list_proposals"."reviewed_by" <> "list_proposals"."proposed_by")
);
--> statement-breakpoint
CREATE TABLE "warning_drafts" (
	"id" serial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"severity" text NOT NULL,
	"institution_ids" integer[] DEFAULT '{}'::int[] NOT NULL,
	"department" text NOT NULL,
	"created_by" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"warning_id" integer
);
--> statement-breakpoint
ALTER TABLE "inspections" ADD COLUMN "reference" text;--> statement-breakpoint
ALTER TABLE "inspections" ADD COLUMN "inspectors" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "inspections" ADD COLUMN "draw_id" integer;--> statement-breakpoint
ALTER TABLE "inspections" ADD COLUMN "followed_up_on" date;--> statement-breakpoint
ALTER TABLE "inspections" ADD COLUMN "recorded_by" integer;--> statement-breakpoint
ALTER TABLE "inspections" ADD COLUMN "submitted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "inspections" ADD COLUMN "approved_by" integer;--> statement-breakpoint
ALTER TABLE "inspections" ADD COLUMN "approved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "list_decisions" ADD COLUMN "source_complaint_ids" integer[] DEFAULT '{}'::int[] NOT NULL;--> statement-breakpoint
ALTER TABLE "contract_files" ADD CONSTRAINT "contract_files_contract_id_model_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."model_contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_files" ADD CONSTRAINT "contract_files_uploaded_by_staff_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_draws" ADD CONSTRAINT "inspection_draws_department_departments_code_fk" FOREIGN KEY ("department") REFERENCES "public"."departments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_draws" ADD CONSTRAINT "inspection_draws_drawn_by_staff_users_id_fk" FOREIGN KEY ("drawn_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspectors" ADD CONSTRAINT "inspectors_department_departments_code_fk" FOREIGN KEY ("department") REFERENCES "public"."departments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "list_proposals" ADD CONSTRAINT "list_proposals_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "list_proposals" ADD CONSTRAINT "list_proposals_department_departments_code_fk" FOREIGN KEY ("department") REFERENCES "public"."departments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "list_proposals" ADD CONSTRAINT "list_proposals_decision_id_list_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."list_decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "list_proposals" ADD CONSTRAINT "list_proposals_proposed_by_staff_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "list_proposals" ADD CONSTRAINT "list_proposals_reviewed_by_staff_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warning_drafts" ADD CONSTRAINT "warning_drafts_department_departments_code_fk" FOREIGN KEY ("department") REFERENCES "public"."departments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warning_drafts" ADD CONSTRAINT "warning_drafts_created_by_staff_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warning_drafts" ADD CONSTRAINT "warning_drafts_warning_id_risk_warnings_id_fk" FOREIGN KEY ("warning_id") REFERENCES "public"."risk_warnings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inspection_draws_department_idx" ON "inspection_draws" USING btree ("department","drawn_at");--> statement-breakpoint
CREATE UNIQUE INDEX "inspectors_badge_idx" ON "inspectors" USING btree ("badge_number");--> statement-breakpoint
CREATE INDEX "inspectors_department_idx" ON "inspectors" USING btree ("department");--> statement-breakpoint
CREATE INDEX "list_proposals_status_idx" ON "list_proposals" USING btree ("department","status");--> statement-breakpoint
CREATE UNIQUE INDEX "inspections_reference_idx" ON "inspections" USING btree ("reference");--> statement-breakpoint
CREATE INDEX "inspections_draw_idx" ON "inspections" USING btree ("draw_id");--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_four_eyes" CHECK ("inspections"."approved_by" IS NULL OR "inspections"."approved_by" <> "inspections"."recorded_by");