CREATE OR REPLACE FUNCTION voucher_record_session(p_scope text, p_key text, p_hash text, p_centre uuid, p_code text, p_date date, p_hours numeric, p_counsellor text, p_kind text, p_today date, p_recorded_by uuid)
 RETURNS TABLE(replayed boolean, status integer, outcome jsonb, body jsonb)
 LANGUAGE plpgsql
AS $function$
DECLARE
  v_claim record;
  v_voucher record;
  v_delivered uuid;
  v_posted record;
  v_transaction uuid;
  v_remaining numeric;
  v_session_id uuid := gen_random_uuid();
  v_session voucher_sessions%ROWTYPE;
  v_outcome jsonb;
BEGIN
  SELECT * INTO v_claim FROM idempotency_claim(p_scope, p_key, p_hash);
  IF v_claim.claim_id IS NULL THEN
    -- A replay: the outcome this function stored, or the answer the HTTP layer stored for a refusal.
    RETURN QUERY SELECT true, v_claim.status, v_claim.outcome, v_claim.body;
    RETURN;
  END IF;
  -- The cheque with its citizen's login, the centre's delivered-hours account (once opened), and
  -- whether the centre is accredited today, in one read. The accreditation is read, not
  -- locked: a session that saw it active and commits while a suspension is written is ordered
  -- before that suspension.
  SELECT v.id, v.code, v.status, v.programme_code, v.centre_id, v.account_id, v.issued_on, v.valid_until, c.user_id AS citizen_user_id,
         (v.registered_at AT TIME ZONE 'UTC')::date AS registered_on,
         d.id AS delivered_account,
         EXISTS (SELECT 1 FROM accreditation_active_on(p_today) a WHERE a.centre_id = p_centre AND a.programme_code = v.programme_code)
           AS accredited
    INTO v_voucher FROM vouchers v JOIN citizens c ON c.id = v.citizen_id
    LEFT JOIN ledger_accounts d ON d.owner_type = 'centre_delivered' AND d.owner_id = p_centre || ':' || v.programme_code AND d.unit = 'HOUR'
    WHERE v.code = p_code FOR SHARE OF v;
  IF NOT FOUND OR v_voucher.centre_id IS DISTINCT FROM p_centre THEN
    RAISE EXCEPTION 'voucher_not_found' USING ERRCODE = 'LF000';
  END IF;
  IF NOT v_voucher.accredited THEN
    RAISE EXCEPTION 'centre_not_accredited' USING ERRCODE = 'LF000',
      DETAIL = jsonb_build_object('programme', v_voucher.programme_code, 'onDate', p_today)::text;
  END IF;
  IF p_kind <> 'guidance' THEN
    RAISE EXCEPTION 'non_billable_session' USING ERRCODE = 'LF000', DETAIL = jsonb_build_object('kind', p_kind)::text;
  END IF;
  IF v_voucher.status <> 'in_use' THEN
    RAISE EXCEPTION 'voucher_not_in_use' USING ERRCODE = 'LF000', DETAIL = jsonb_build_object('status', v_voucher.status)::text;
  END IF;
  IF p_date > p_today THEN
    RAISE EXCEPTION 'session_in_future' USING ERRCODE = 'LF000';
  END IF;
  IF p_date < v_voucher.issued_on OR p_date > v_voucher.valid_until THEN
    RAISE EXCEPTION 'session_outside_validity' USING ERRCODE = 'LF000',
      DETAIL = jsonb_build_object('issuedOn', v_voucher.issued_on, 'validUntil', v_voucher.valid_until)::text;
  END IF;
  -- Issue 13: a session cannot predate the day the citizen brought the cheque to this centre,
  -- nor fall on a day the centre was not accredited (backdated billing).
  IF p_date < v_voucher.registered_on THEN
    RAISE EXCEPTION 'session_before_registration' USING ERRCODE = 'LF000',
      DETAIL = jsonb_build_object('registeredOn', v_voucher.registered_on)::text;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM accreditation_active_on(p_date) a WHERE a.centre_id = p_centre AND a.programme_code = v_voucher.programme_code) THEN
    RAISE EXCEPTION 'session_outside_accreditation' USING ERRCODE = 'LF000',
      DETAIL = jsonb_build_object('programme', v_voucher.programme_code, 'onDate', p_date)::text;
  END IF;

  v_delivered := coalesce(v_voucher.delivered_account,
    ledger_open_account('centre_delivered', p_centre || ':' || v_voucher.programme_code, v_voucher.programme_code, 'HOUR', false));
  FOR v_posted IN
    SELECT * FROM ledger_post('redeem', p_today, NULL, NULL, NULL,
      jsonb_build_object('voucherId', v_voucher.id, 'voucherCode', v_voucher.code, 'sessionId', v_session_id, 'centreId', p_centre, 'sessionDate', p_date),
      ARRAY[v_voucher.account_id, v_delivered], ARRAY[-p_hours, p_hours])
  LOOP
    v_transaction := v_posted.transaction_id;
    IF v_posted.account_id = v_voucher.account_id THEN
      v_remaining := v_posted.balance_after;
    END IF;
  END LOOP;

  INSERT INTO voucher_sessions (id, voucher_id, centre_id, session_date, hours, counsellor, kind, ledger_transaction_id, recorded_by)
    VALUES (v_session_id, v_voucher.id, p_centre, p_date, p_hours, p_counsellor, p_kind, v_transaction, p_recorded_by)
    RETURNING * INTO v_session;
  -- Audited like every other action of a centre's staff (its administrator reads it in the centre's
  -- audit trail): by the cheque's id, never its code or client number, and without the counsellor's name.
  INSERT INTO audit_log (actor_id, actor_role, action, entity_type, entity_id, before, after)
    VALUES (p_recorded_by, 'centre', 'voucher.session.recorded', 'voucher', v_voucher.id::text, NULL,
      jsonb_build_object('sessionId', v_session.id, 'sessionDate', v_session.session_date, 'hours', v_session.hours::text,
                         'kind', v_session.kind, 'centreId', p_centre, 'ledgerTransactionId', v_transaction));
  -- The citizen hears of every session, so one that did not take place can be disputed.
  INSERT INTO notifications (user_id, kind, subject, body, data) VALUES (
    v_voucher.citizen_user_id, 'voucher_session',
    format('A session was recorded on your cheque %s', v_voucher.code),
    format('%s hours of guidance on %s with %s; %s hours are left. If you did not attend, dispute it.',
           v_session.hours, v_session.session_date, v_session.counsellor, v_remaining),
    jsonb_build_object('voucherCode', v_voucher.code, 'sessionId', v_session.id, 'date', v_session.session_date,
                       'hours', v_session.hours::text, 'centreId', p_centre, 'remainingHours', v_remaining::text));

  -- The domain outcome, rendered into an HTTP answer by the route alike the first time and on every
  -- replay. Amounts as text: a JSON number would reach the service as a float.
  v_outcome := jsonb_build_object(
    'result', 'recorded',
    'session', jsonb_build_object(
      'id', v_session.id, 'voucher_id', v_session.voucher_id, 'centre_id', v_session.centre_id, 'session_date', v_session.session_date,
      'hours', v_session.hours::text, 'counsellor', v_session.counsellor, 'kind', v_session.kind,
      'ledger_transaction_id', v_session.ledger_transaction_id, 'status', v_session.status,
      'reversal_transaction_id', v_session.reversal_transaction_id, 'reversed_at', v_session.reversed_at, 'created_at', v_session.created_at),
    'voucher', jsonb_build_object('code', v_voucher.code, 'status', v_voucher.status, 'remainingHours', v_remaining::text));
  UPDATE idempotency_keys SET outcome = v_outcome WHERE id = v_claim.claim_id;
  RETURN QUERY SELECT false, NULL::integer, v_outcome, NULL::jsonb;
END
$function$;
