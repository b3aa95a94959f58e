CREATE OR REPLACE FUNCTION ledger_expire_holds(p_now timestamp with time zone, p_limit integer)
 RETURNS TABLE(hold_id uuid, account_id uuid, amount numeric)
 LANGUAGE plpgsql
AS $function$
#variable_conflict use_column
DECLARE
  v_hold record;
BEGIN
  FOR v_hold IN
    SELECT h.id, h.account_id, h.amount FROM ledger_holds h
    WHERE h.status = 'open' AND h.expires_at <= p_now
    ORDER BY h.account_id, h.id LIMIT p_limit FOR UPDATE SKIP LOCKED
  LOOP
    UPDATE ledger_accounts SET held = held - v_hold.amount WHERE id = v_hold.account_id;
    UPDATE ledger_holds SET status = 'expired', resolved_at = now() WHERE id = v_hold.id;
    hold_id := v_hold.id; account_id := v_hold.account_id; amount := v_hold.amount;
    RETURN NEXT;
  END LOOP;
END
$function$;
