CREATE OR REPLACE FUNCTION ledger_place_hold(p_account uuid, p_amount numeric, p_expires_at timestamp with time zone, p_key text, p_hash text, p_metadata jsonb)
 RETURNS TABLE(hold_id uuid, replayed boolean, account_id uuid, amount numeric, status text, expires_at timestamp with time zone)
 LANGUAGE plpgsql
AS $function$
#variable_conflict use_column
DECLARE
  v_id uuid;
  v_hash text;
BEGIN
  IF p_amount IS NULL OR p_amount <= 0 OR p_amount <> round(p_amount, 2) THEN
    RAISE EXCEPTION 'a hold needs a positive amount with at most 2 decimals' USING ERRCODE = 'LA006';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM ledger_accounts WHERE id = p_account) THEN
    RAISE EXCEPTION 'unknown ledger account %', p_account USING ERRCODE = 'LA003', DETAIL = p_account::text;
  END IF;
  INSERT INTO ledger_holds (account_id, amount, expires_at, idempotency_key, request_hash, metadata)
  VALUES (p_account, p_amount, p_expires_at, p_key, p_hash, coalesce(p_metadata, '{}'))
  ON CONFLICT (idempotency_key) DO NOTHING
  RETURNING id INTO v_id;
  IF v_id IS NULL THEN
    SELECT id, request_hash INTO v_id, v_hash FROM ledger_holds WHERE idempotency_key = p_key;
    IF v_hash IS DISTINCT FROM p_hash THEN
      RAISE EXCEPTION 'idempotency key % was used for another request', p_key USING ERRCODE = 'LA002';
    END IF;
    RETURN QUERY SELECT h.id, true, h.account_id, h.amount, h.status, h.expires_at FROM ledger_holds h WHERE h.id = v_id;
    RETURN;
  END IF;
  UPDATE ledger_accounts SET held = held + p_amount
    WHERE id = p_account AND (may_go_negative OR balance - held - p_amount >= 0);
  IF NOT FOUND THEN
    RAISE EXCEPTION 'insufficient balance on account %', p_account USING ERRCODE = 'LA001', DETAIL = p_account::text;
  END IF;
  RETURN QUERY SELECT v_id, false, p_account, p_amount, 'open'::text, p_expires_at;
END
$function$;
