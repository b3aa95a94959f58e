CREATE OR REPLACE FUNCTION ledger_post(p_kind text, p_business_date date, p_key text, p_hash text, p_reverses uuid, p_metadata jsonb, p_accounts uuid[], p_amounts numeric[])
 RETURNS TABLE(transaction_id uuid, replayed boolean, created_at timestamp with time zone, account_id uuid, amount numeric, balance_after numeric)
 LANGUAGE plpgsql
AS $function$
#variable_conflict use_column
DECLARE
  v_id uuid;
  v_hash text;
  v_entry record;
  v_balance numeric;
  v_unit text;
  v_accounts uuid[] := '{}';
  v_amounts numeric[] := '{}';
  v_balances numeric[] := '{}';
  v_units text[] := '{}';
BEGIN
  -- The key is claimed first: a concurrent duplicate waits here on the unique index, before it
  -- touches any account, and then answers with the first transaction.
  INSERT INTO ledger_transactions (kind, business_date, idempotency_key, request_hash, reverses_id, metadata)
  VALUES (p_kind, p_business_date, p_key, p_hash, p_reverses, coalesce(p_metadata, '{}'))
  ON CONFLICT (idempotency_key) DO NOTHING
  RETURNING id INTO v_id;
  IF v_id IS NULL THEN
    SELECT id, request_hash INTO v_id, v_hash FROM ledger_transactions WHERE idempotency_key = p_key;
    IF v_hash IS DISTINCT FROM p_hash THEN
      RAISE EXCEPTION 'idempotency key % was used for another request', p_key USING ERRCODE = 'LA002';
    END IF;
    RETURN QUERY SELECT t.id, true, t.created_at, e.account_id, e.amount, e.balance_after
      FROM ledger_transactions t JOIN ledger_entries e ON e.transaction_id = t.id WHERE t.id = v_id ORDER BY e.id;
    RETURN;
  END IF;
  IF coalesce(array_length(p_accounts, 1), 0) = 0 OR array_length(p_accounts, 1) <> array_length(p_amounts, 1)
     OR EXISTS (SELECT 1 FROM unnest(p_accounts, p_amounts) u(a, x) WHERE a IS NULL OR x IS NULL OR x <> round(x, 2) OR abs(x) > 9999999999999999) THEN
    RAISE EXCEPTION 'a posting needs accounts and amounts of equal number, each amount with at most 2 decimals'
      USING ERRCODE = 'LA006';
  END IF;
  -- One conditional update per account, in id order: the row lock serialises writers and the
  -- condition re-checks the latest balance after any wait.
  FOR v_entry IN
    SELECT u.acct, sum(u.amt) AS amt FROM unnest(p_accounts, p_amounts) AS u(acct, amt)
    GROUP BY u.acct HAVING sum(u.amt) <> 0 ORDER BY u.acct
  LOOP
    UPDATE ledger_accounts SET balance = balance + v_entry.amt
      WHERE id = v_entry.acct AND (may_go_negative OR balance + v_entry.amt - held >= 0)
      RETURNING balance, unit INTO v_balance, v_unit;
    IF NOT FOUND THEN
      IF EXISTS (SELECT 1 FROM ledger_accounts WHERE id = v_entry.acct) THEN
        RAISE EXCEPTION 'insufficient balance on account %', v_entry.acct USING ERRCODE = 'LA001', DETAIL = v_entry.acct::text;
      END IF;
      RAISE EXCEPTION 'unknown ledger account %', v_entry.acct USING ERRCODE = 'LA003', DETAIL = v_entry.acct::text;
    END IF;
    INSERT INTO ledger_entries (transaction_id, account_id, unit, amount, balance_after)
      VALUES (v_id, v_entry.acct, v_unit, v_entry.amt, v_balance);
    v_accounts := v_accounts || v_entry.acct;
    v_amounts := v_amounts || v_entry.amt;
    v_balances := v_balances || v_balance;
    v_units := v_units || v_unit;
  END LOOP;
  -- Said now rather than at commit, so the caller gets a clear error (the deferred trigger stays the guarantee).
  -- Every unit (hours, each currency) sums to zero on its own.
  IF coalesce(array_length(v_accounts, 1), 0) = 0
     OR EXISTS (SELECT 1 FROM unnest(v_units, v_amounts) u(unit, amt) GROUP BY u.unit HAVING sum(u.amt) <> 0) THEN
    RAISE EXCEPTION 'the posting does not balance per unit' USING ERRCODE = 'LA006';
  END IF;
  RETURN QUERY SELECT v_id, false, now(), u.acct, u.amt, u.bal FROM unnest(v_accounts, v_amounts, v_balances) AS u(acct, amt, bal);
END
$function$;
