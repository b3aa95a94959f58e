CREATE OR REPLACE FUNCTION course_grant_claim(p_programme text, p_scope text, p_key text, p_hash text, p_citizen uuid, p_user uuid, p_today date, p_outcome jsonb, p_facts jsonb, p_places_period date, p_closing_date date, p_max_per_course integer, p_hold_expires_at timestamp with time zone, p_lanes integer, p_first integer, p_refill boolean)
 RETURNS TABLE(replayed boolean, status integer, outcome jsonb, body jsonb)
 LANGUAGE plpgsql
AS $function$
DECLARE
  v_closing date;
  v_claim record;
  v_decision jsonb := p_outcome->'decision';
  v_application jsonb := p_outcome->'application';
  v_course uuid := (p_outcome#>>'{application,courseId}')::uuid;
  v_id uuid := (p_outcome#>>'{application,id}')::uuid;
  v_reference text := p_outcome#>>'{application,reference}';
  v_year integer := (p_outcome#>>'{application,accountYear}')::integer;
  v_start date := (p_outcome#>>'{accountPeriod,start}')::date;
  v_currency text := p_outcome#>>'{application,currency}';
  v_funded numeric := (p_outcome#>>'{application,fundedAmount}')::numeric;
  -- A claim inside a first-come window of the programme: funded from that window's budget too.
  v_window text := p_outcome#>>'{window,id}';
  v_window_budget numeric := (p_outcome#>>'{window,budget}')::numeric;
  v_decided_at timestamptz;
  v_outcome jsonb;
  v_existing text;
  v_course_grants integer;
  v_entitlement uuid;
  v_entitlement_account uuid;
  v_lane integer;
  v_target integer;
  v_source uuid;
  v_grant uuid;
  v_hold uuid;
BEGIN
  SELECT * INTO v_claim FROM idempotency_claim(p_scope, p_key, p_hash);
  IF v_claim.claim_id IS NULL THEN
    -- A replay: the outcome this function stored, or the answer the HTTP layer stored for a refusal.
    RETURN QUERY SELECT true, v_claim.status, v_claim.outcome, v_claim.body;
    RETURN;
  END IF;
  -- A citizen's claims go one at a time, so the one-per-right check sees the other's application.
  PERFORM 1 FROM citizens WHERE id = p_citizen FOR UPDATE;
  SELECT d.created_at INTO v_decided_at FROM eligibility_record_decisions(jsonb_build_array(v_decision || jsonb_build_object(
    'citizenId', p_citizen, 'programme', p_programme, 'referenceDate', p_today, 'facts', p_facts, 'createdBy', p_user))) d;
  v_outcome := jsonb_set(p_outcome, '{decision,createdAt}', to_jsonb(v_decided_at));

  -- The outcome comes drafted: { result: 'applied', decision, application, accountPeriod } for an
  -- eligible citizen, { refusal: 'not_eligible' | 'budget_exhausted', decision } otherwise (the
  -- decision is kept either way). It is stored as the key's outcome and rendered by the route.
  IF p_outcome->>'result' = 'applied' THEN
    -- The citizen's right in this programme for the account year: one funded application each.
    SELECT e.id INTO v_entitlement FROM entitlements e
      WHERE e.citizen_id = p_citizen AND e.programme_code = p_programme AND e.period_start = v_start;
    SELECT a.reference INTO v_existing FROM applications a
      WHERE a.entitlement_id = v_entitlement AND a.status NOT IN ('lapsed', 'cancelled', 'refused');
    IF FOUND THEN
      RAISE EXCEPTION 'application_exists' USING ERRCODE = 'LF000',
        DETAIL = jsonb_build_object('reference', v_existing, 'accountYear', v_year::text, 'start', v_start)::text;
    END IF;
    IF p_closing_date IS NOT NULL AND p_today > p_closing_date THEN
      RAISE EXCEPTION 'closing_date_passed' USING ERRCODE = 'LF000', DETAIL = jsonb_build_object('closingDate', p_closing_date)::text;
    END IF;
    -- A course funded at most p_max_per_course times a year (STAP's lesson against price-fixing):
    -- claims on one course count one at a time, each seeing the grants of those before it.
    IF p_max_per_course IS NOT NULL THEN
      PERFORM pg_advisory_xact_lock(hashtext('course_grants:' || v_course));
      SELECT count(*) INTO v_course_grants FROM applications a
        WHERE a.course_id = v_course AND a.account_year = v_year AND a.status NOT IN ('lapsed', 'cancelled', 'refused');
      IF v_course_grants >= p_max_per_course THEN
        RAISE EXCEPTION 'course_grants_exhausted' USING ERRCODE = 'LF000',
          DETAIL = jsonb_build_object('maxGrantsPerCourse', p_max_per_course::text, 'accountYear', v_year::text)::text;
      END IF;
    END IF;
    IF v_entitlement IS NULL THEN
      SELECT e.id INTO v_entitlement
        FROM entitlement_insert(NULL, p_citizen, p_programme, v_start, (p_outcome#>>'{accountPeriod,end}')::date, NULL, NULL, NULL) e;
    END IF;
    v_entitlement_account := ledger_open_account('entitlement', v_entitlement::text, p_programme, v_currency, false);
    -- A first-come window's claims count one at a time on its row, never past its budget (the
    -- budget in force is the one held to).
    IF v_window IS NOT NULL THEN
      IF v_funded <= v_window_budget THEN
        INSERT INTO application_windows AS w (programme_code, window_id, budget, allocated)
          VALUES (p_programme, v_window, v_window_budget, v_funded)
          ON CONFLICT (programme_code, window_id) DO UPDATE SET budget = excluded.budget, allocated = w.allocated + excluded.allocated
          WHERE w.allocated + excluded.allocated <= excluded.budget;
      END IF;
      IF v_funded > v_window_budget OR NOT FOUND THEN
        RAISE EXCEPTION 'window_budget_spent' USING ERRCODE = 'LF000',
          DETAIL = jsonb_build_object('window', v_window, 'currency', v_currency)::text;
      END IF;
    END IF;

    -- The contended part, last: a place and the money, in a lane.
    SELECT t.lane, t.target, t.closing_date INTO v_lane, v_target, v_closing
      FROM programme_take_place_in_force(p_programme, p_today, p_places_period, p_lanes, p_first) t;
    -- A closing date moved before today while this claim was on its way: closed, not full.
    IF v_lane IS NULL AND v_closing IS NOT NULL AND p_today > v_closing THEN
      RAISE EXCEPTION 'closing_date_passed' USING ERRCODE = 'LF000', DETAIL = jsonb_build_object('closingDate', v_closing)::text;
    END IF;
    IF v_lane IS NULL THEN
      RAISE EXCEPTION 'places_target_reached' USING ERRCODE = 'LF000',
        DETAIL = jsonb_build_object('target', v_target::text, 'period', p_places_period)::text;
    END IF;
    v_source := programme_budget_draw(p_programme, v_currency, v_funded, p_lanes, v_lane, p_refill, p_today);
    SELECT g.transaction_id INTO v_grant FROM ledger_post('grant', p_today, NULL, NULL, NULL,
      jsonb_build_object('programme', p_programme, 'applicationId', v_id, 'reference', v_reference,
                         'courseId', v_application->>'courseId', 'centreId', v_application->>'centreId'),
      ARRAY[v_source, v_entitlement_account], ARRAY[-v_funded, v_funded]) g LIMIT 1;
    SELECT h.hold_id INTO v_hold FROM ledger_place_hold(v_entitlement_account, v_funded, p_hold_expires_at, NULL, NULL,
      jsonb_build_object('applicationId', v_id, 'reference', v_reference, 'purpose', 'course_grant_application')) h;
    PERFORM application_insert(v_id, v_reference, p_citizen, v_entitlement, (v_decision->>'decisionId')::uuid,
              (v_application->>'centreId')::uuid, v_course, v_year, (v_application->>'coursePrice')::numeric, v_funded,
              (v_application->>'learnerPart')::numeric, v_currency, p_today, (v_application->>'verifyBy')::date, v_grant, v_hold,
              (v_application->>'createdAt')::timestamptz, true);
    PERFORM programme_budget_alerts(p_programme);
    v_outcome := jsonb_set(v_outcome, '{application}',
      v_application || jsonb_build_object('entitlementId', v_entitlement, 'grantTransactionId', v_grant, 'holdId', v_hold));
  END IF;

  UPDATE idempotency_keys SET outcome = v_outcome WHERE id = v_claim.claim_id;
  RETURN QUERY SELECT false, NULL::integer, v_outcome, NULL::jsonb;
END
$function$;
