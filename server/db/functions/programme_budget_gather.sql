CREATE OR REPLACE FUNCTION programme_budget_gather(p_code text, p_currency text, p_today date)
 RETURNS uuid
 LANGUAGE plpgsql
AS $function$
DECLARE
  v_budget uuid;
  v_lane record;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('programme_budget_refill:' || p_code));
  v_budget := ledger_open_account('programme_budget', p_code, p_code, p_currency, false);
  FOR v_lane IN
    SELECT a.id, a.balance - a.held AS available FROM ledger_accounts a
    WHERE a.owner_type = 'programme_budget_lane' AND a.programme_code = p_code AND a.unit = p_currency
    ORDER BY a.owner_id FOR UPDATE
  LOOP
    CONTINUE WHEN v_lane.available <= 0;
    PERFORM ledger_post('budget_lane_return', p_today, NULL, NULL, NULL, jsonb_build_object('programme', p_code),
                        ARRAY[v_lane.id, v_budget], ARRAY[-v_lane.available, v_lane.available]);
  END LOOP;
  RETURN v_budget;
END
$function$;
