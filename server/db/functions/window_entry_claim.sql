CREATE OR REPLACE FUNCTION window_entry_claim(p_programme text, p_scope text, p_key text, p_hash text, p_citizen uuid, p_user uuid, p_today date, p_outcome jsonb, p_facts jsonb)
 RETURNS TABLE(replayed boolean, status integer, outcome jsonb, body jsonb)
 LANGUAGE plpgsql
AS $function$
DECLARE
  -- The outcome comes drafted: { result: 'entered', decision, entry, accountPeriod } for an eligible
  -- citizen's claim inside a lottery window. No money moves: the window's draw funds the winners.
  v_claim record;
  v_entry jsonb := p_outcome->'entry';
  v_start date := (p_outcome#>>'{accountPeriod,start}')::date;
  v_window text := p_outcome#>>'{entry,window}';
  v_decided_at timestamptz;
  v_outcome jsonb;
  v_existing text;
BEGIN
  SELECT * INTO v_claim FROM idempotency_claim(p_scope, p_key, p_hash);
  IF v_claim.claim_id IS NULL THEN
    RETURN QUERY SELECT true, v_claim.status, v_claim.outcome, v_claim.body;
    RETURN;
  END IF;
  -- A citizen's claims go one at a time, so each sees the other's entry or application.
  PERFORM 1 FROM citizens WHERE id = p_citizen FOR UPDATE;
  SELECT a.reference INTO v_existing FROM applications a JOIN entitlements e ON e.id = a.entitlement_id
    WHERE e.citizen_id = p_citizen AND e.programme_code = p_programme AND e.period_start = v_start AND a.status NOT IN ('lapsed', 'cancelled', 'refused');
  IF FOUND THEN
    RAISE EXCEPTION 'application_exists' USING ERRCODE = 'LF000',
      DETAIL = jsonb_build_object('reference', v_existing, 'accountYear', v_entry->>'accountYear', 'start', v_start)::text;
  END IF;
  SELECT we.id::text INTO v_existing FROM window_entries we
    WHERE we.programme_code = p_programme AND we.window_id = v_window AND we.citizen_id = p_citizen;
  IF FOUND THEN
    RAISE EXCEPTION 'window_entry_exists' USING ERRCODE = 'LF000', DETAIL = jsonb_build_object('entryId', v_existing, 'window', v_window)::text;
  END IF;
  SELECT d.created_at INTO v_decided_at FROM eligibility_record_decisions(jsonb_build_array(p_outcome->'decision' || jsonb_build_object(
    'citizenId', p_citizen, 'programme', p_programme, 'referenceDate', p_today, 'facts', p_facts, 'createdBy', p_user))) d;
  v_outcome := jsonb_set(p_outcome, '{decision,createdAt}', to_jsonb(v_decided_at));
  INSERT INTO window_entries (id, programme_code, window_id, citizen_id, decision_id, centre_id, course_id, account_year, period_start,
                              period_end, course_price, funded_amount, learner_part, currency, entered_on, created_at)
    VALUES ((v_entry->>'id')::uuid, p_programme, v_window, p_citizen, (p_outcome#>>'{decision,decisionId}')::uuid,
            (v_entry->>'centreId')::uuid, (v_entry->>'courseId')::uuid, (v_entry->>'accountYear')::integer, v_start,
            (p_outcome#>>'{accountPeriod,end}')::date, (v_entry->>'coursePrice')::numeric, (v_entry->>'fundedAmount')::numeric,
            (v_entry->>'learnerPart')::numeric, v_entry->>'currency', p_today, (v_entry->>'createdAt')::timestamptz);
  UPDATE idempotency_keys SET outcome = v_outcome WHERE id = v_claim.claim_id;
  RETURN QUERY SELECT false, NULL::integer, v_outcome, NULL::jsonb;
END
$function$;
