CREATE OR REPLACE FUNCTION ledger_release_hold(p_hold uuid, p_status text)
 RETURNS TABLE(hold_id uuid, account_id uuid, amount numeric, status text)
 LANGUAGE plpgsql
AS $function$
#variable_conflict use_column
DECLARE
  v_hold ledger_holds%ROWTYPE;
BEGIN
  SELECT * INTO v_hold FROM ledger_holds WHERE id = p_hold FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'hold % does not exist', p_hold USING ERRCODE = 'LA009', DETAIL = p_hold::text;
  END IF;
  IF v_hold.status <> 'open' THEN
    RAISE EXCEPTION 'hold % is already %', p_hold, v_hold.status USING ERRCODE = 'LA005', DETAIL = v_hold.status;
  END IF;
  UPDATE ledger_accounts SET held = held - v_hold.amount WHERE id = v_hold.account_id;
  UPDATE ledger_holds SET status = p_status, resolved_at = now() WHERE id = p_hold;
  RETURN QUERY SELECT v_hold.id, v_hold.account_id, v_hold.amount, p_status;
END
$function$;
