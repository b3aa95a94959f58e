CREATE OR REPLACE FUNCTION window_draw(p_programme text, p_window text, p_seed text, p_budget numeric, p_today date, p_user uuid, p_verify_by date, p_hold_expires_at timestamp with time zone, p_prefix text, p_places_period date, p_max_per_course integer, p_lanes integer)
 RETURNS boolean
 LANGUAGE plpgsql
AS $function$
DECLARE
  -- A lottery window's draw, once (true: this call drew; false: it had been drawn). The seed is
  -- recorded first; the entries are ranked by sha256(seed || ':' || citizen id) and funded in that
  -- order while the money lasts. An entry dearer than what is left is passed over and a later,
  -- cheaper one may still be funded: the order alone decides who comes first, and the budget is
  -- used as far as that order allows. An entry that can no longer be funded at all (the citizen
  -- holds an application for the year by now, the course reached its cap, the places are gone)
  -- is refused with the reason, and costs nobody else a chance. Winners become applications as a
  -- first-come claim makes them: a place, a grant from the budget, a hold until verification.
  CROCKFORD constant text := '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  v_currency text;
  v_budget_account uuid;
  v_fundable numeric;
  v_left numeric;
  v_entry record;
  v_refusal text;
  v_entitlement uuid;
  v_entitlement_account uuid;
  v_lane integer;
  v_target integer;
  v_closing date;
  v_bytes bytea;
  v_reference text;
  v_application uuid;
  v_grant uuid;
  v_hold uuid;
  v_ids uuid[] := '{}';
  v_ranks integer[] := '{}';
  v_statuses text[] := '{}';
  v_refusals text[] := '{}';
  v_applications uuid[] := '{}';
  v_winners integer := 0;
BEGIN
  -- Two draws racing: the second waits on the first's row and then finds it.
  INSERT INTO window_draws (programme_code, window_id, seed, budget, drawn_on, drawn_by)
    VALUES (p_programme, p_window, p_seed, p_budget, p_today, p_user) ON CONFLICT DO NOTHING;
  IF NOT FOUND THEN
    RETURN false;
  END IF;
  SELECT currency INTO v_currency FROM programmes WHERE code = p_programme;
  -- All of the programme's money in one account, so the draw funds from one place. The gather's
  -- lock, held to the end of this draw, keeps every claim's refill from taking any of it meanwhile.
  v_budget_account := programme_budget_gather(p_programme, v_currency, p_today);
  SELECT LEAST(p_budget, balance - held) INTO v_fundable FROM ledger_accounts WHERE id = v_budget_account;
  v_fundable := GREATEST(v_fundable, 0);
  v_left := v_fundable;

  FOR v_entry IN
    SELECT we.*, row_number() OVER (ORDER BY sha256(convert_to(p_seed || ':' || we.citizen_id::text, 'UTF8')), we.citizen_id)::integer AS rank
      FROM window_entries we WHERE we.programme_code = p_programme AND we.window_id = p_window AND we.status = 'entered'
      ORDER BY rank
  LOOP
    v_refusal := NULL;
    v_application := NULL;
    IF v_entry.funded_amount <= v_left THEN
      SELECT e.id INTO v_entitlement FROM entitlements e
        WHERE e.citizen_id = v_entry.citizen_id AND e.programme_code = p_programme AND e.period_start = v_entry.period_start;
      IF EXISTS (SELECT 1 FROM applications a WHERE a.entitlement_id = v_entitlement AND a.status NOT IN ('lapsed', 'cancelled', 'refused')) THEN
        v_refusal := 'application_exists';
      ELSIF p_max_per_course IS NOT NULL AND (SELECT count(*) FROM applications a WHERE a.course_id = v_entry.course_id
                 AND a.account_year = v_entry.account_year AND a.status NOT IN ('lapsed', 'cancelled', 'refused')) >= p_max_per_course THEN
        v_refusal := 'course_grants_exhausted';
      ELSE
        SELECT t.lane, t.target, t.closing_date INTO v_lane, v_target, v_closing
          FROM programme_take_place_in_force(p_programme, p_today, p_places_period, p_lanes, v_entry.rank % p_lanes) t;
        IF v_lane IS NULL THEN
          v_refusal := CASE WHEN v_closing IS NOT NULL AND p_today > v_closing THEN 'closing_date_passed' ELSE 'places_target_reached' END;
        END IF;
      END IF;
      IF v_refusal IS NULL THEN
        IF v_entitlement IS NULL THEN
          SELECT e.id INTO v_entitlement
            FROM entitlement_insert(NULL, v_entry.citizen_id, p_programme, v_entry.period_start, v_entry.period_end, NULL, NULL, NULL) e;
        END IF;
        v_entitlement_account := ledger_open_account('entitlement', v_entitlement::text, p_programme, v_currency, false);
        -- 10 Crockford characters from 10 strongly random bytes (256 is a multiple of 32: uniform),
        -- outside the uuid's version and variant bytes.
        v_bytes := substring(uuid_send(gen_random_uuid()) FROM 1 FOR 6) || substring(uuid_send(gen_random_uuid()) FROM 11 FOR 4);
        v_reference := p_prefix || '-' || (SELECT string_agg(substr(CROCKFORD, get_byte(v_bytes, i) % 32 + 1, 1), '' ORDER BY i)
                                           FROM generate_series(0, 9) i);
        v_application := gen_random_uuid();
        SELECT g.transaction_id INTO v_grant FROM ledger_post('grant', p_today, NULL, NULL, NULL,
          jsonb_build_object('programme', p_programme, 'applicationId', v_application, 'reference', v_reference, 'courseId', v_entry.course_id,
                             'centreId', v_entry.centre_id, 'window', p_window, 'entryId', v_entry.id),
          ARRAY[v_budget_account, v_entitlement_account], ARRAY[-v_entry.funded_amount, v_entry.funded_amount]) g LIMIT 1;
        SELECT h.hold_id INTO v_hold FROM ledger_place_hold(v_entitlement_account, v_entry.funded_amount, p_hold_expires_at, NULL, NULL,
          jsonb_build_object('applicationId', v_application, 'reference', v_reference, 'purpose', 'course_grant_application')) h;
        PERFORM application_insert(v_application, v_reference, v_entry.citizen_id, v_entitlement, v_entry.decision_id, v_entry.centre_id,
                                   v_entry.course_id, v_entry.account_year, v_entry.course_price, v_entry.funded_amount, v_entry.learner_part,
                                   v_currency, p_today, p_verify_by, v_grant, v_hold, NULL, true);
        v_left := v_left - v_entry.funded_amount;
        v_winners := v_winners + 1;
      END IF;
    END IF;
    -- Subscript assignment extends the arrays in place (appending with || would copy them each time).
    v_ids[v_entry.rank] := v_entry.id;
    v_ranks[v_entry.rank] := v_entry.rank;
    v_statuses[v_entry.rank] := CASE WHEN v_application IS NOT NULL THEN 'won' WHEN v_refusal IS NOT NULL THEN 'refused' ELSE 'not_drawn' END;
    v_refusals[v_entry.rank] := v_refusal;
    v_applications[v_entry.rank] := v_application;
  END LOOP;

  UPDATE window_entries we SET status = o.status, draw_rank = o.rank, refusal = o.refusal, application_id = o.application
    FROM unnest(v_ids, v_ranks, v_statuses, v_refusals, v_applications) AS o(id, rank, status, refusal, application)
    WHERE we.id = o.id;
  UPDATE window_draws SET fundable = v_fundable, funded_total = v_fundable - v_left, entries = coalesce(array_length(v_ids, 1), 0), winners = v_winners
    WHERE programme_code = p_programme AND window_id = p_window;
  INSERT INTO application_windows AS w (programme_code, window_id, budget, allocated)
    VALUES (p_programme, p_window, p_budget, v_fundable - v_left)
    ON CONFLICT (programme_code, window_id) DO UPDATE SET budget = excluded.budget, allocated = excluded.allocated;
  PERFORM programme_budget_alerts(p_programme);
  RETURN true;
END
$function$;
