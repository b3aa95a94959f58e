CREATE OR REPLACE FUNCTION ledger_reverse(p_original uuid, p_business_date date, p_key text, p_hash text, p_metadata jsonb)
 RETURNS TABLE(transaction_id uuid, replayed boolean, created_at timestamp with time zone, account_id uuid, amount numeric, balance_after numeric)
 LANGUAGE plpgsql
AS $function$
#variable_conflict use_column
DECLARE
  v_kind text;
  v_accounts uuid[];
  v_amounts numeric[];
BEGIN
  IF p_key IS NOT NULL AND EXISTS (SELECT 1 FROM ledger_transactions WHERE idempotency_key = p_key) THEN
    RETURN QUERY SELECT * FROM ledger_post('reversal', p_business_date, p_key, p_hash, p_original, p_metadata, '{}', '{}');
    RETURN;
  END IF;
  SELECT kind INTO v_kind FROM ledger_transactions WHERE id = p_original;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'ledger transaction % does not exist', p_original USING ERRCODE = 'LA007', DETAIL = p_original::text;
  END IF;
  IF v_kind = 'reversal' THEN
    RAISE EXCEPTION 'transaction % is a reversal; post a new transaction instead', p_original USING ERRCODE = 'LA008';
  END IF;
  IF EXISTS (SELECT 1 FROM ledger_transactions WHERE reverses_id = p_original) THEN
    RAISE EXCEPTION 'transaction % is already reversed', p_original USING ERRCODE = 'LA004', DETAIL = p_original::text;
  END IF;
  SELECT array_agg(e.account_id ORDER BY e.id), array_agg(-e.amount ORDER BY e.id) INTO v_accounts, v_amounts
    FROM ledger_entries e WHERE e.transaction_id = p_original;
  RETURN QUERY SELECT * FROM ledger_post('reversal', p_business_date, p_key, p_hash, p_original, p_metadata, v_accounts, v_amounts);
END
$function$;
