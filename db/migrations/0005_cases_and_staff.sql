CREATE TABLE "audit_log" (
	"id" serial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" integer,
	"actor_name" text NOT NULL,
	"action" text NOT NULL,
	"object_type" text NOT NULL,
	"object_id" text,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_users" (
	"id" serial PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"role" text NOT NULL,
	"department" text,
	"street" text,
	"is_manager" boolean DEFAULT false NOT NULL,
	"password_hash" text NOT NULL,
	"disabled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"password_changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_contributions" (
	"complaint_id" integer NOT NULL,
	"department" text NOT NULL,
	"due_on" date NOT NULL,
	"text" text,
	"contributed_at" timestamp with time zone,
	"contributed_by" integer,
	CONSTRAINT "case_contributions_complaint_id_department_pk" PRIMARY KEY("complaint_id","department")
);
--> statement-breakpoint
CREATE TABLE "case_whistle_reports" (
	"whistle_id" integer NOT NULL,
	"department" text NOT NULL,
	"finding" text,
	"reported_at" timestamp with time zone,
	"reported_by" integer,
	CONSTRAINT "case_whistle_reports_whistle_id_department_pk" PRIMARY KEY("whistle_id","department")
);
--> statement-breakpoint
CREATE TABLE "case_whistles" (
	"id" serial PRIMARY KEY NOT NULL,
	"complaint_id" integer NOT NULL,
	"street" text NOT NULL,
	"called_by" integer NOT NULL,
	"called_at" timestamp with time zone DEFAULT now() NOT NULL,
	"report_by" date NOT NULL,
	"note" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "complaint_events" ADD COLUMN "actor_id" integer;--> statement-breakpoint
ALTER TABLE "complaint_events" ADD COLUMN "before" jsonb;--> statement-breakpoint
ALTER TABLE "complaint_events" ADD COLUMN "after" jsonb;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "lead" text;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "assisting" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "returns" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "coordination" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "paused_from" text;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "paused_on" date;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "duplicate_of" integer;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "answered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "escalated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "filed_by" integer;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "linked_inspection_id" integer;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "linked_list_decision_id" integer;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_staff_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_sessions" ADD CONSTRAINT "staff_sessions_user_id_staff_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."staff_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_users" ADD CONSTRAINT "staff_users_department_departments_code_fk" FOREIGN KEY ("department") REFERENCES "public"."departments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_users" ADD CONSTRAINT "staff_users_street_streets_code_fk" FOREIGN KEY ("street") REFERENCES "public"."streets"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_contributions" ADD CONSTRAINT "case_contributions_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_contributions" ADD CONSTRAINT "case_contributions_department_departments_code_fk" FOREIGN KEY ("department") REFERENCES "public"."departments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_contributions" ADD CONSTRAINT "case_contributions_contributed_by_staff_users_id_fk" FOREIGN KEY ("contributed_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_whistle_reports" ADD CONSTRAINT "case_whistle_reports_whistle_id_case_whistles_id_fk" FOREIGN KEY ("whistle_id") REFERENCES "public"."case_whistles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_whistle_reports" ADD CONSTRAINT "case_whistle_reports_department_departments_code_fk" FOREIGN KEY ("department") REFERENCES "public"."departments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_whistle_reports" ADD CONSTRAINT "case_whistle_reports_reported_by_staff_users_id_fk" FOREIGN KEY ("reported_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_whistles" ADD CONSTRAINT "case_whistles_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_whistles" ADD CONSTRAINT "case_whistles_street_streets_code_fk" FOREIGN KEY ("street") REFERENCES "public"."streets"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_whistles" ADD CONSTRAINT "case_whistles_called_by_staff_users_id_fk" FOREIGN KEY ("called_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_object_idx" ON "audit_log" USING btree ("object_type","object_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "staff_sessions_user_idx" ON "staff_sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "staff_users_username_idx" ON "staff_users" USING btree ("username");--> statement-breakpoint
CREATE INDEX "case_whistle_reports_department_idx" ON "case_whistle_reports" USING btree ("department");--> statement-breakpoint
CREATE INDEX "case_whistles_complaint_idx" ON "case_whistles" USING btree ("complaint_id");--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_lead_departments_code_fk" FOREIGN KEY ("lead") REFERENCES "public"."departments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "complaints_lead_idx" ON "complaints" USING btree ("lead","status");--> statement-breakpoint
CREATE INDEX "complaints_street_idx" ON "complaints" USING btree ("street","status");--> statement-breakpoint
CREATE INDEX "complaints_duplicate_idx" ON "complaints" USING btree ("duplicate_of");--> statement-breakpoint
-- Hand-written below (drizzle-kit does not model triggers). The case timeline and the audit log
-- are append-only: the application can insert, never change or remove what was written.
CREATE FUNCTION ptp_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION ptp_refuse_change();
--> statement-breakpoint
CREATE TRIGGER complaint_events_append_only BEFORE UPDATE OR DELETE ON "complaint_events" FOR EACH ROW EXECUTE FUNCTION ptp_refuse_change();
--> statement-breakpoint
-- Complaints about a listed institution take the institution's street, so grid staff see them.
UPDATE "complaints" c SET "street" = i."street" FROM "institutions" i WHERE c."institution_id" = i."id" AND c."street" IS NULL;
