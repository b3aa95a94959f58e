// The ledger's write path as plpgsql functions, created by migration 20261122-02-ledger: a
// posting, a reversal, or a hold operation is ONE statement, hence one round trip, and it locks
// what it touches in a fixed order (hold rows first, then accounts in id order), so racing
// writers serialise under READ COMMITTED instead of deadlocking. Refusals raise distinct
// SQLSTATEs (LAxxx) that ledger-errors.ts maps to client errors. Part of a migration: change these
// only through a new migration (CREATE OR REPLACE), never by editing this text. Replaced since:
// ledger_capture_hold, by migration 20261201-09 (it refuses a hold past its deadline).
export const LEDGER_FUNCTIONS = `
CREATE FUNCTION ledger_post(p_kind text, p_business_date date, p_key text, p_hash text, p_reverses uuid,
                            p_metadata jsonb, p_accounts uuid[], p_amounts numeric[])
RETURNS TABLE (transaction_id uuid, replayed boolean, created_at timestamptz, account_id uuid, amount numeric, balance_after numeric)
LANGUAGE plpgsql AS $$
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
  v_hours numeric := 0;
  v_euros numeric := 0;
  v_pounds numeric := 0;
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
    CASE v_unit WHEN 'HOUR' THEN v_hours := v_hours + v_entry.amt; WHEN 'EUR' THEN v_euros := v_euros + v_entry.amt;
                ELSE v_pounds := v_pounds + v_entry.amt; END CASE;
  END LOOP;
  -- Said now rather than at commit, so the caller gets a clear error (the deferred trigger stays the guarantee).
  IF coalesce(array_length(v_accounts, 1), 0) = 0 OR v_hours <> 0 OR v_euros <> 0 OR v_pounds <> 0 THEN
    RAISE EXCEPTION 'the posting does not balance per unit' USING ERRCODE = 'LA006';
  END IF;
  RETURN QUERY SELECT v_id, false, now(), u.acct, u.amt, u.bal FROM unnest(v_accounts, v_amounts, v_balances) AS u(acct, amt, bal);
END $$;

CREATE FUNCTION ledger_reverse(p_original uuid, p_business_date date, p_key text, p_hash text, p_metadata jsonb)
RETURNS TABLE (transaction_id uuid, replayed boolean, created_at timestamptz, account_id uuid, amount numeric, balance_after numeric)
LANGUAGE plpgsql AS $$
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
END $$;

CREATE FUNCTION ledger_place_hold(p_account uuid, p_amount numeric, p_expires_at timestamptz, p_key text, p_hash text, p_metadata jsonb)
RETURNS TABLE (hold_id uuid, replayed boolean, account_id uuid, amount numeric, status text, expires_at timestamptz)
LANGUAGE plpgsql AS $$
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
END $$;

CREATE FUNCTION ledger_capture_hold(p_hold uuid, p_amount numeric, p_to_account uuid, p_kind text, p_business_date date,
                                    p_key text, p_hash text, p_metadata jsonb)
RETURNS TABLE (transaction_id uuid, replayed boolean, created_at timestamptz, account_id uuid, amount numeric, balance_after numeric)
LANGUAGE plpgsql AS $$
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
END $$;

CREATE FUNCTION ledger_release_hold(p_hold uuid, p_status text)
RETURNS TABLE (hold_id uuid, account_id uuid, amount numeric, status text)
LANGUAGE plpgsql AS $$
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
END $$;

-- Expires due holds in batches; SKIP LOCKED lets several workers (or a capture in flight) share
-- the work without waiting, and accounts are touched in id order.
CREATE FUNCTION ledger_expire_holds(p_now timestamptz, p_limit integer)
RETURNS TABLE (hold_id uuid, account_id uuid, amount numeric)
LANGUAGE plpgsql AS $$
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
END $$;
`;
