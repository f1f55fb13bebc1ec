CREATE TABLE "departments" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"duties" text NOT NULL,
	CONSTRAINT "departments_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "streets" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "streets_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "fund_supervision" (
	"id" serial PRIMARY KEY NOT NULL,
	"institution_id" integer NOT NULL,
	"custody_kind" text NOT NULL,
	"custodian_bank" text,
	"bond_insurer" text,
	"bond_policy" text,
	"bond_cover_yuan" integer,
	"prepaid_card_filing" text,
	"third_party_audit" boolean DEFAULT false NOT NULL,
	"as_of" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "institutions" (
	"id" serial PRIMARY KEY NOT NULL,
	"credit_code" text NOT NULL,
	"name" text NOT NULL,
	"former_names" text[] DEFAULT '{}'::text[] NOT NULL,
	"fields" text[] NOT NULL,
	"legal_form" text NOT NULL,
	"entry_path" text NOT NULL,
	"registration_authority" text NOT NULL,
	"supervising_department" text NOT NULL,
	"address" text NOT NULL,
	"street" text NOT NULL,
	"phone" text,
	"operating_status" text NOT NULL,
	"delivery" text NOT NULL,
	"registered_on" date NOT NULL,
	"as_of" date NOT NULL,
	"search_text" text NOT NULL,
	"pinyin" text NOT NULL,
	"initials" text NOT NULL,
	"search_keys" text[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "institutions_credit_code_unique" UNIQUE("credit_code")
);
--> statement-breakpoint
CREATE TABLE "licences" (
	"id" serial PRIMARY KEY NOT NULL,
	"institution_id" integer NOT NULL,
	"number" text NOT NULL,
	"number_norm" text NOT NULL,
	"issuing_authority" text NOT NULL,
	"issued_on" date NOT NULL,
	"expires_on" date NOT NULL,
	"scope" text NOT NULL,
	"address" text NOT NULL,
	"revoked_on" date,
	"revocation_reason" text,
	"as_of" date NOT NULL,
	CONSTRAINT "licences_number_unique" UNIQUE("number")
);
--> statement-breakpoint
CREATE TABLE "promises" (
	"id" serial PRIMARY KEY NOT NULL,
	"institution_id" integer NOT NULL,
	"fees" text NOT NULL,
	"charging_method" text NOT NULL,
	"prepaid_cap_months" integer NOT NULL,
	"prepaid_cap_hours" integer NOT NULL,
	"prepaid_cap_yuan" integer NOT NULL,
	"refund_policy" text NOT NULL,
	"class_end_time" text NOT NULL,
	"staff_statement" text NOT NULL,
	"made_on" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspections" (
	"id" serial PRIMARY KEY NOT NULL,
	"institution_id" integer NOT NULL,
	"inspected_on" date NOT NULL,
	"kind" text NOT NULL,
	"department" text NOT NULL,
	"checked_items" text[] NOT NULL,
	"findings" text NOT NULL,
	"result" text NOT NULL,
	"rectify_by" date,
	"rectification_outcome" text,
	"published" boolean DEFAULT false NOT NULL,
	"published_on" date
);
--> statement-breakpoint
CREATE TABLE "list_decisions" (
	"id" serial PRIMARY KEY NOT NULL,
	"institution_id" integer NOT NULL,
	"list" text NOT NULL,
	"reason" text NOT NULL,
	"legal_basis" text NOT NULL,
	"department" text NOT NULL,
	"effective_on" date NOT NULL,
	"source_inspection_id" integer,
	"removed_on" date,
	"removal_reason" text
);
--> statement-breakpoint
CREATE TABLE "model_contracts" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"fields" text[] DEFAULT '{}'::text[] NOT NULL,
	"refund_window" text NOT NULL,
	"fee_supervision" text NOT NULL,
	"key_clauses" text[] NOT NULL,
	"file_name" text NOT NULL,
	"issued_on" date NOT NULL,
	CONSTRAINT "model_contracts_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "risk_warnings" (
	"id" serial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"severity" text NOT NULL,
	"published_on" date NOT NULL,
	"withdrawn_on" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "site_meta" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "warning_institutions" (
	"warning_id" integer NOT NULL,
	"institution_id" integer NOT NULL,
	CONSTRAINT "warning_institutions_warning_id_institution_id_pk" PRIMARY KEY("warning_id","institution_id")
);
--> statement-breakpoint
ALTER TABLE "fund_supervision" ADD CONSTRAINT "fund_supervision_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "institutions" ADD CONSTRAINT "institutions_registration_authority_departments_code_fk" FOREIGN KEY ("registration_authority") REFERENCES "public"."departments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "institutions" ADD CONSTRAINT "institutions_supervising_department_departments_code_fk" FOREIGN KEY ("supervising_department") REFERENCES "public"."departments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "institutions" ADD CONSTRAINT "institutions_street_streets_code_fk" FOREIGN KEY ("street") REFERENCES "public"."streets"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "licences" ADD CONSTRAINT "licences_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "licences" ADD CONSTRAINT "licences_issuing_authority_departments_code_fk" FOREIGN KEY ("issuing_authority") REFERENCES "public"."departments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promises" ADD CONSTRAINT "promises_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_department_departments_code_fk" FOREIGN KEY ("department") REFERENCES "public"."departments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "list_decisions" ADD CONSTRAINT "list_decisions_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "list_decisions" ADD CONSTRAINT "list_decisions_department_departments_code_fk" FOREIGN KEY ("department") REFERENCES "public"."departments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "list_decisions" ADD CONSTRAINT "list_decisions_source_inspection_id_inspections_id_fk" FOREIGN KEY ("source_inspection_id") REFERENCES "public"."inspections"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warning_institutions" ADD CONSTRAINT "warning_institutions_warning_id_risk_warnings_id_fk" FOREIGN KEY ("warning_id") REFERENCES "public"."risk_warnings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warning_institutions" ADD CONSTRAINT "warning_institutions_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fund_supervision_institution_idx" ON "fund_supervision" USING btree ("institution_id");--> statement-breakpoint
CREATE INDEX "institutions_search_keys_gin" ON "institutions" USING gin ("search_keys");--> statement-breakpoint
CREATE INDEX "institutions_credit_code_pattern" ON "institutions" USING btree ("credit_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "institutions_street_idx" ON "institutions" USING btree ("street");--> statement-breakpoint
CREATE INDEX "institutions_fields_gin" ON "institutions" USING gin ("fields");--> statement-breakpoint
CREATE INDEX "licences_institution_idx" ON "licences" USING btree ("institution_id");--> statement-breakpoint
CREATE INDEX "licences_number_norm_pattern" ON "licences" USING btree ("number_norm" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "promises_institution_idx" ON "promises" USING btree ("institution_id");--> statement-breakpoint
CREATE INDEX "inspections_institution_idx" ON "inspections" USING btree ("institution_id","inspected_on");--> statement-breakpoint
CREATE INDEX "list_decisions_institution_idx" ON "list_decisions" USING btree ("institution_id");--> statement-breakpoint
CREATE INDEX "list_decisions_effective_idx" ON "list_decisions" USING btree ("effective_on");--> statement-breakpoint
CREATE INDEX "risk_warnings_published_idx" ON "risk_warnings" USING btree ("published_on");--> statement-breakpoint
CREATE INDEX "warning_institutions_institution_idx" ON "warning_institutions" USING btree ("institution_id");