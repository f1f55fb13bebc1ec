-- Hand-written (drizzle-kit does not model functions). Intake keeps its query plans.
--
-- The portal's connections plan every statement for the values it is given
-- (plan_cache_mode=force_custom_plan, db/client.ts): search needs that, since a plan made for any
-- value cannot use its indexes well for `LIKE 'prefix%'`. Intake's statements are the same few
-- lookups and inserts by key every time, and planning them again for every complaint, the
-- foreign-key checks included, was about half of PostgreSQL's time per complaint (npm run bench,
-- complaints). So the two intake functions run with plan_cache_mode=auto: their plans are kept
-- for the session, as PostgreSQL does by default.
--
-- ptp_intake_lookup: what intake reads before filing, in one round trip (db/queries/complaints.ts
-- intakeLookup): the complaint this idempotency key already made, if any; what routing needs of
-- the named institution; and, when an API key hash is given, whether an active registered channel
-- has it (null when none is given).
CREATE FUNCTION ptp_intake_lookup(p_key text, p_credit_code text, p_api_key_hash text)
RETURNS TABLE (earlier json, institution json, channel_active boolean)
LANGUAGE plpgsql STABLE SET plan_cache_mode = auto AS $$
BEGIN
  RETURN QUERY SELECT
    (SELECT json_build_object('id', c.id, 'trackingNumber', c.tracking_number, 'payloadHash', c.payload_hash,
                              'lead', coalesce(c.lead, c.route_lead), 'dueOn', c.due_on)
     FROM complaints c WHERE c.idempotency_key = p_key),
    (SELECT json_build_object('id', i.id, 'fields', i.fields, 'legalForm', i.legal_form, 'street', i.street)
     FROM institutions i WHERE i.credit_code = p_credit_code LIMIT 1),
    CASE WHEN p_api_key_hash IS NULL THEN NULL
         ELSE EXISTS (SELECT 1 FROM api_clients a WHERE a.key_hash = p_api_key_hash AND a.active) END;
END;
$$;
--> statement-breakpoint
ALTER FUNCTION ptp_file_complaint(jsonb, jsonb, jsonb, text) SET plan_cache_mode = auto;
