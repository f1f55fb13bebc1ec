-- Hand-written (drizzle-kit does not model functions). Files one complaint in one statement:
-- the complaint, its contact, its 'received' event, its tracking number and, when a receipt text
-- is given, the receipt SMS in the outbox. db/queries/complaints.ts fileComplaint calls it.
--
-- Why a function: the filing used to be seven round trips (begin, four inserts, the number,
-- commit), and the per-year counter row stays locked from the number until commit, so every
-- round trip after it was time that all other filings waited (npm run bench, complaints). Here
-- the lock is held for the few inserts of this call and the commit. The number is taken first, so
-- the complaint row is written once with it (an update afterwards would write a second version of
-- the row into every one of its nine indexes).
--
-- complaint: the row as JSON with the column names of "complaints" (tracking_number is set here;
-- id, status and the defaults are not read from it). contact: {phone, name, consent_to_contact}
-- or null. event_data: the 'received' event's data. receipt_sms: the SMS text with {number} for
-- the tracking number, or null (no contact, or a notifier that queues it itself).
--
-- Exactly once: the idempotency key is unique. When it is already taken (a replay, or a
-- concurrent post with the same key that committed first), nothing is written and the number is
-- given back (no other filing can have taken one meanwhile: they wait on the counter row this
-- call holds), so numbers have no gaps; the answer is the existing complaint: 'replayed' if its payload hash is the same,
-- 'conflict' if not. Each answer carries the complaint's current lead department and due day.
CREATE FUNCTION ptp_file_complaint(complaint jsonb, contact jsonb, event_data jsonb, receipt_sms text)
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

  -- From here to commit every other filing of the year waits for this row.
  v_year := extract(year FROM c.received_on)::integer;
  INSERT INTO tracking_counters AS k (year, last) VALUES (v_year, 1)
  ON CONFLICT ON CONSTRAINT tracking_counters_pkey DO UPDATE SET last = k.last + 1
  RETURNING k.last INTO v_seq;
  IF v_seq > 999999 THEN
    RAISE EXCEPTION 'tracking numbers of % are used up (sequence %)', v_year, v_seq USING ERRCODE = 'program_limit_exceeded';
  END IF;
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
    UPDATE tracking_counters SET last = last - 1 WHERE year = v_year;
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
