CREATE OR REPLACE FUNCTION programme_budget_draw(p_code text, p_currency text, p_amount numeric, p_lanes integer, p_lane integer, p_refill boolean, p_today date)
 RETURNS uuid
 LANGUAGE plpgsql
AS $function$
DECLARE
  v_lane uuid := ledger_open_account('programme_budget_lane', p_code || ':' || p_lane, p_code, p_currency, false);
  v_budget uuid;
  v_available numeric;
  v_total numeric;
  v_share numeric;
  v_accounts uuid[];
  v_amounts numeric[];
BEGIN
  IF NOT p_refill THEN
    SELECT balance - held INTO v_available FROM ledger_accounts WHERE id = v_lane FOR UPDATE;
    IF v_available < p_amount THEN
      RAISE EXCEPTION 'lane_short' USING ERRCODE = 'LF000';
    END IF;
    RETURN v_lane;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('programme_budget_refill:' || p_code));
  SELECT balance - held INTO v_available FROM ledger_accounts WHERE id = v_lane FOR UPDATE;
  IF v_available >= p_amount THEN
    RETURN v_lane; -- spread again while this claim waited
  END IF;
  v_budget := ledger_open_account('programme_budget', p_code, p_code, p_currency, false);
  PERFORM ledger_open_account('programme_budget_lane', p_code || ':' || g, p_code, p_currency, false) FROM generate_series(0, p_lanes - 1) g;
  -- Every lane of the programme, in one order (lanes of an earlier, larger split included).
  SELECT array_agg(id ORDER BY owner_id), array_agg(balance - held ORDER BY owner_id) INTO v_accounts, v_amounts
    FROM (SELECT id, owner_id, balance, held FROM ledger_accounts
          WHERE owner_type = 'programme_budget_lane' AND programme_code = p_code AND unit = p_currency ORDER BY owner_id FOR UPDATE) lanes;
  SELECT balance - held INTO v_available FROM ledger_accounts WHERE id = v_budget FOR UPDATE;
  v_total := v_available + (SELECT sum(x) FROM unnest(v_amounts) x);
  IF v_total < p_amount THEN
    RAISE EXCEPTION 'budget_spent' USING ERRCODE = 'LF000', DETAIL = jsonb_build_object('currency', p_currency)::text;
  END IF;
  v_share := trunc(v_total / p_lanes, 2);
  IF v_share < p_amount THEN
    v_share := 0; -- too little to spread: all of it back to the budget account
  END IF;
  -- Each of the first p_lanes lanes to the share, any other lane to nothing, the rest in the budget account.
  SELECT array_agg(CASE WHEN split_part(o.owner_id, ':', 2)::integer < p_lanes THEN v_share ELSE 0 END - l.amount ORDER BY l.n)
    INTO v_amounts
    FROM unnest(v_accounts, v_amounts) WITH ORDINALITY AS l(id, amount, n) JOIN ledger_accounts o ON o.id = l.id;
  IF EXISTS (SELECT 1 FROM unnest(v_amounts) x WHERE x <> 0) THEN
    PERFORM ledger_post('budget_spread', p_today, NULL, NULL, NULL, jsonb_build_object('programme', p_code, 'lanes', p_lanes),
                        v_accounts || v_budget, v_amounts || -(SELECT sum(x) FROM unnest(v_amounts) x));
  END IF;
  RETURN CASE WHEN v_share > 0 THEN v_lane ELSE v_budget END;
END
$function$;
