-- Hand-written around the generated DROP TABLE (drizzle-kit does not model functions or sequences).
--
-- Tracking numbers come from one sequence per year (tracking_numbers_2026, ...) instead of the
-- counter row tracking_counters. Why: the counter row was locked from the number until commit, so
-- every filing waited for the one before it to be written and flushed to disk; under load more
-- than half of the database's time was that wait (npm run bench, complaints), and commits could
-- not share a disk flush. A sequence hands out numbers without a lock.
--
-- What changes for people: numbers stay unique and in order of filing, but may skip one where a
-- filing took a number and then did not commit (a concurrent post with the same idempotency key,
-- a database failure). A skipped number is never given to another complaint. Replays take none.
--
-- The first filing of a year creates that year's sequence, continuing after the year's highest
-- existing number (complaints filed under the counter row). Concurrent first filings queue on a
-- transaction-level advisory lock, so only one creates it; the others see it once it commits.
CREATE FUNCTION ptp_next_tracking_sequence(p_year integer) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  seq text := 'tracking_numbers_' || p_year;
  v_oid oid := to_regclass(seq);
  v_last integer;
BEGIN
  IF v_oid IS NULL THEN
    PERFORM pg_advisory_xact_lock(hashtext('ptp_next_tracking_sequence'), p_year);
    -- Read from the catalog afresh: the name lookup above may have been answered from this
    -- transaction's cache, older than a sequence another filing created while this one waited.
    SELECT c.oid INTO v_oid FROM pg_class c
    WHERE c.relname = seq AND c.relkind = 'S' AND c.relnamespace = current_schema()::regnamespace;
    IF v_oid IS NULL THEN
      SELECT max(substr(tracking_number, 9)::integer) INTO v_last
      FROM complaints WHERE tracking_number LIKE 'PT-' || p_year || '-%';
      EXECUTE format('CREATE SEQUENCE %I AS integer MINVALUE 1 MAXVALUE 999999 START %s NO CYCLE', seq, coalesce(v_last, 0) + 1);
      v_oid := to_regclass(seq);
    END IF;
  END IF;
  -- Past 999999 nextval fails (sequence_generator_limit_exceeded) and the filing is not written.
  RETURN nextval(v_oid::regclass);
END;
$$;
--> statement-breakpoint
-- ptp_file_complaint as in 0007, with the number from the year's sequence; see 0007 for the rest.
CREATE OR REPLACE FUNCTION ptp_file_complaint(complaint jsonb, contact jsonb, event_data jsonb, receipt_sms text)
RETURNS TABLE (outcome text, complaint_id integer, tracking_number text, lead text, due_on date)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  c complaints%ROWTYPE;
  new_id integer;
  v_year integer;
  v_seq integer;
  v_number text;
BEGIN
  c := jsonb_populate_record(NULL::complaints, complaint);

  -- A replay takes no number: answered from the complaint that holds the key.
  RETURN QUERY
    SELECT CASE WHEN e.payload_hash = c.payload_hash THEN 'replayed' ELSE 'conflict' END, e.id, e.tracking_number,
           coalesce(e.lead, e.route_lead), e.due_on
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
    -- A concurrent post with the same key committed first: its number stands, this one is skipped.
    RETURN QUERY
      SELECT CASE WHEN e.payload_hash = c.payload_hash THEN 'replayed' ELSE 'conflict' END, e.id, e.tracking_number,
             coalesce(e.lead, e.route_lead), e.due_on
      FROM complaints e WHERE e.idempotency_key = c.idempotency_key;
    RETURN;
  END IF;

  IF contact IS NOT NULL THEN
    INSERT INTO complaint_contacts (complaint_id, phone, name, consent_to_contact)
    VALUES (new_id, contact->>'phone', contact->>'name', (contact->>'consent_to_contact')::boolean);
    IF receipt_sms IS NOT NULL THEN
      INSERT INTO notification_outbox (complaint_id, channel, recipient, body)
      VALUES (new_id, 'sms', contact->>'phone', replace(receipt_sms, '{number}', v_number));
    END IF;
  END IF;
  INSERT INTO complaint_events (complaint_id, kind, is_public, data) VALUES (new_id, 'received', true, event_data);
  RETURN QUERY SELECT 'created'::text, new_id, v_number, c.route_lead, c.due_on;
END;
$$;
--> statement-breakpoint
DROP TABLE "tracking_counters" CASCADE;
