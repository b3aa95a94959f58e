CREATE OR REPLACE FUNCTION ledger_capture_hold(p_hold uuid, p_amount numeric, p_to_account uuid, p_kind text, p_business_date date, p_key text, p_hash text, p_metadata jsonb, p_now timestamp with time zone)
 RETURNS TABLE(transaction_id uuid, replayed boolean, created_at timestamp with time zone, account_id uuid, amount numeric, balance_after numeric)
 LANGUAGE plpgsql
AS $function$
#variable_conflict use_column
DECLARE
  v_hold ledger_holds%ROWTYPE;
  v_tx uuid;
  v_rows record;
BEGIN
  SELECT * INTO v_hold FROM ledger_holds WHERE id = p_hold FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'hold % does not exist', p_hold USING ERRCODE = 'LA009', DETAIL = p_hold::text;
  END IF;
  IF v_hold.status <> 'open' THEN
    -- A retry of the capture that resolved it answers with that capture.
    IF p_key IS NOT NULL AND EXISTS (SELECT 1 FROM ledger_transactions WHERE idempotency_key = p_key) THEN
      RETURN QUERY SELECT * FROM ledger_post(p_kind, p_business_date, p_key, p_hash, NULL, p_metadata, '{}', '{}');
      RETURN;
    END IF;
    RAISE EXCEPTION 'hold % is already %', p_hold, v_hold.status USING ERRCODE = 'LA005', DETAIL = v_hold.status;
  END IF;
  IF p_now IS NULL OR v_hold.expires_at <= p_now THEN
    RAISE EXCEPTION 'hold % expired at %', p_hold, v_hold.expires_at USING ERRCODE = 'LA011', DETAIL = v_hold.expires_at::text;
  END IF;
  IF p_amount IS NULL OR p_amount <= 0 OR p_amount > v_hold.amount THEN
    RAISE EXCEPTION 'a capture takes more than zero and at most the held %', v_hold.amount USING ERRCODE = 'LA010', DETAIL = v_hold.amount::text;
  END IF;
  PERFORM 1 FROM ledger_accounts WHERE id IN (v_hold.account_id, p_to_account) ORDER BY id FOR UPDATE;
  UPDATE ledger_accounts SET held = held - v_hold.amount WHERE id = v_hold.account_id;
  FOR v_rows IN SELECT * FROM ledger_post(p_kind, p_business_date, p_key, p_hash, NULL, p_metadata,
                                            ARRAY[v_hold.account_id, p_to_account], ARRAY[-p_amount, p_amount]) LOOP
    v_tx := v_rows.transaction_id;
    transaction_id := v_rows.transaction_id; replayed := v_rows.replayed; created_at := v_rows.created_at;
    account_id := v_rows.account_id; amount := v_rows.amount; balance_after := v_rows.balance_after;
    RETURN NEXT;
  END LOOP;
  UPDATE ledger_holds SET status = 'captured', captured = p_amount, capture_transaction_id = v_tx, resolved_at = now()
    WHERE id = p_hold;
END
$function$;
