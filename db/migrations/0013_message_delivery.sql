DROP INDEX "notification_outbox_unsent_idx";--> statement-breakpoint
ALTER TABLE "notification_outbox" ADD COLUMN "staff_id" integer;--> statement-breakpoint
ALTER TABLE "notification_outbox" ADD COLUMN "template" text;--> statement-breakpoint
ALTER TABLE "notification_outbox" ADD COLUMN "params" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "notification_outbox" ADD COLUMN "state" text DEFAULT 'queued' NOT NULL;--> statement-breakpoint
ALTER TABLE "notification_outbox" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "notification_outbox" ADD COLUMN "last_error" text;--> statement-breakpoint
ALTER TABLE "notification_outbox" ADD COLUMN "next_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "notification_outbox" ADD COLUMN "provider_id" text;--> statement-breakpoint
ALTER TABLE "notification_outbox" ADD COLUMN "job_id" text;--> statement-breakpoint
ALTER TABLE "notification_outbox" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "notification_outbox" ADD COLUMN "purged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "notification_outbox" ADD CONSTRAINT "notification_outbox_staff_id_staff_users_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notification_outbox_state_idx" ON "notification_outbox" USING btree ("state","created_at");--> statement-breakpoint
CREATE INDEX "notification_outbox_complaint_idx" ON "notification_outbox" USING btree ("complaint_id");--> statement-breakpoint
CREATE INDEX "notification_outbox_created_idx" ON "notification_outbox" USING btree ("created_at");--> statement-breakpoint
-- Hand-written from here on (drizzle-kit generated the statements above and the DROP below).
-- Rows written before delivery existed were free text that no gateway accepts and that nobody
-- sent: they become dead with that reason rather than reach a phone months late. Receipts keep
-- their number as the template parameter; staff rows (recipient: a username) become e-mails.
UPDATE "notification_outbox" o SET
  "template" = CASE WHEN o."channel" = 'sms' THEN 'receipt' ELSE 'overdue_escalation' END,
  "channel" = CASE WHEN o."channel" = 'sms' THEN 'sms' ELSE 'email' END,
  "staff_id" = CASE WHEN o."channel" = 'staff' THEN (SELECT s.id FROM staff_users s WHERE s.username = o."recipient") END,
  "recipient" = CASE WHEN o."channel" = 'sms' THEN o."recipient" ELSE '' END,
  "params" = coalesce((SELECT jsonb_build_object('number', c.tracking_number) FROM complaints c WHERE c.id = o."complaint_id"), '{}'::jsonb),
  "state" = CASE WHEN o."sent_at" IS NULL THEN 'dead' ELSE 'delivered' END,
  "last_error" = CASE WHEN o."sent_at" IS NULL THEN 'queued before delivery existed (migration 0013); not sent' END;--> statement-breakpoint
ALTER TABLE "notification_outbox" ALTER COLUMN "template" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "notification_outbox" DROP COLUMN "body";--> statement-breakpoint
-- ptp_file_complaint as in 0009, except the receipt: a 'receipt' template message whose
-- parameters are the tracking number and the access-code hint (receipt_hint, null for none), in
-- the same statement and so the same transaction as the complaint. It answers the message's id
-- too, so the caller can hand it to the queue after commit (src/server/messages/).
DROP FUNCTION ptp_file_complaint(jsonb, jsonb, jsonb, text);--> statement-breakpoint
CREATE FUNCTION ptp_file_complaint(complaint jsonb, contact jsonb, event_data jsonb, receipt_hint text)
RETURNS TABLE (outcome text, complaint_id integer, tracking_number text, lead text, due_on date, message_id integer)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  c complaints%ROWTYPE;
  new_id integer;
  v_year integer;
  v_seq integer;
  v_number text;
  v_message integer;
BEGIN
  c := jsonb_populate_record(NULL::complaints, complaint);

  RETURN QUERY
    SELECT CASE WHEN e.payload_hash = c.payload_hash THEN 'replayed' ELSE 'conflict' END, e.id, e.tracking_number,
           coalesce(e.lead, e.route_lead), e.due_on, NULL::integer
    FROM complaints e WHERE e.idempotency_key = c.idempotency_key;
  IF FOUND THEN
    RETURN;
  END IF;

  v_year := extract(year FROM c.received_on)::integer;
  v_seq := ptp_next_tracking_sequence(v_year);
  v_number := 'PT-' || v_year || '-' || lpad(v_seq::text, 6, '0');

  INSERT INTO complaints AS t (
    tracking_number, idempotency_key, payload_hash, access_code_hash, channel, institution_id,
    not_listed_name, not_listed_address, street, category, suggested_category, description,
    occurred_on, money_yuan, people_affected, filer_role, status, received_on, due_on,
    routing_version, route_lead, route_assisting, route_inform, route_reasons, coordinated_by, filed_by)
  VALUES (
    v_number, c.idempotency_key, c.payload_hash, c.access_code_hash, c.channel, c.institution_id,
    c.not_listed_name, c.not_listed_address, c.street, c.category, c.suggested_category, c.description,
    c.occurred_on, c.money_yuan, c.people_affected, c.filer_role, 'received', c.received_on, c.due_on,
    c.routing_version, c.route_lead, coalesce(c.route_assisting, '{}'), coalesce(c.route_inform, '{}'),
    coalesce(c.route_reasons, '{}'), c.coordinated_by, c.filed_by)
  ON CONFLICT (idempotency_key) DO NOTHING
  RETURNING t.id INTO new_id;

  IF new_id IS NULL THEN
    RETURN QUERY
      SELECT CASE WHEN e.payload_hash = c.payload_hash THEN 'replayed' ELSE 'conflict' END, e.id, e.tracking_number,
             coalesce(e.lead, e.route_lead), e.due_on, NULL::integer
      FROM complaints e WHERE e.idempotency_key = c.idempotency_key;
    RETURN;
  END IF;

  IF contact IS NOT NULL THEN
    INSERT INTO complaint_contacts (complaint_id, phone, name, consent_to_contact)
    VALUES (new_id, contact->>'phone', contact->>'name', (contact->>'consent_to_contact')::boolean);
    IF receipt_hint IS NOT NULL THEN
      INSERT INTO notification_outbox (complaint_id, channel, template, params, recipient)
      VALUES (new_id, 'sms', 'receipt', jsonb_build_object('number', v_number, 'hint', receipt_hint), contact->>'phone')
      RETURNING id INTO v_message;
    END IF;
  END IF;
  INSERT INTO complaint_events (complaint_id, kind, is_public, data) VALUES (new_id, 'received', true, event_data);
  RETURN QUERY SELECT 'created'::text, new_id, v_number, c.route_lead, c.due_on, v_message;
END;
$$;
--> statement-breakpoint
ALTER FUNCTION ptp_file_complaint(jsonb, jsonb, jsonb, text) SET plan_cache_mode = auto;