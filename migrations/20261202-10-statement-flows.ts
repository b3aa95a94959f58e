// A value-moving request in one round trip. Until now a request's idempotency claim, its work
// and its stored answer were a dozen statements in one transaction; on this kind of machine each
// round trip costs the service more CPU than the work itself. Here the claim and the outcome move
// into the database: `idempotency_claim` claims the HTTP Idempotency-Key (or answers the stored
// outcome of the first request), and a flow written as one function (the first is recording a
// guidance session) claims, works and stores its outcome in a single autocommit statement, so a
// crash leaves either nothing or the work with its outcome. The service renders the answer from
// the outcome, the first time and on every replay (server/http/idempotency.ts).
//
// Refusals are raised with SQLSTATE LF000, the refusal's code as the message and its data as
// JSON in DETAIL; the flow's module turns each into the client error the API promises.
import type { MigrationContext } from '../server/db/migrator.js';

export async function up({ sequelize }: MigrationContext) {
  await sequelize.query(`
    -- What a one-statement flow did (ids, numbers), from which its answer is rendered.
    ALTER TABLE idempotency_keys ADD COLUMN outcome jsonb;

    -- Claims (scope, key) for a request with this hash: claim_id is set when the request is new.
    -- Otherwise the first request's answer comes back (after it committed, if it was in flight),
    -- or LA002 when the key was used for another request.
    CREATE FUNCTION idempotency_claim(p_scope text, p_key text, p_hash text)
    RETURNS TABLE (claim_id bigint, status integer, outcome jsonb, body jsonb)
    LANGUAGE plpgsql AS $$
    DECLARE
      v_id bigint;
      v_seen idempotency_keys%ROWTYPE;
    BEGIN
      INSERT INTO idempotency_keys (scope, key, request_hash) VALUES (p_scope, p_key, p_hash)
      ON CONFLICT (scope, key) DO NOTHING RETURNING id INTO v_id;
      IF v_id IS NOT NULL THEN
        RETURN QUERY SELECT v_id, NULL::integer, NULL::jsonb, NULL::jsonb;
        RETURN;
      END IF;
      SELECT * INTO v_seen FROM idempotency_keys k WHERE k.scope = p_scope AND k.key = p_key;
      IF v_seen.request_hash IS DISTINCT FROM p_hash THEN
        RAISE EXCEPTION 'idempotency key % was used for another request', p_key USING ERRCODE = 'LA002';
      END IF;
      RETURN QUERY SELECT NULL::bigint, v_seen.response_status, v_seen.outcome, v_seen.response_body;
    END $$;

    -- The account of an owner in a unit, opened on first use (a concurrent first use wins the
    -- unique key and this call reads its row once it committed).
    CREATE FUNCTION ledger_open_account(p_owner_type text, p_owner_id text, p_programme text, p_unit text, p_may_go_negative boolean)
    RETURNS uuid
    LANGUAGE plpgsql AS $$
    DECLARE
      v_id uuid;
      v_may_go_negative boolean;
    BEGIN
      FOR attempt IN 1..2 LOOP
        SELECT id, may_go_negative INTO v_id, v_may_go_negative FROM ledger_accounts
          WHERE owner_type = p_owner_type AND owner_id = p_owner_id AND unit = p_unit;
        IF FOUND THEN
          IF v_may_go_negative <> p_may_go_negative THEN
            RAISE EXCEPTION 'ledger account %/%/% exists with may_go_negative=%', p_owner_type, p_owner_id, p_unit, v_may_go_negative;
          END IF;
          RETURN v_id;
        END IF;
        INSERT INTO ledger_accounts (owner_type, owner_id, unit, programme_code, may_go_negative)
          VALUES (p_owner_type, p_owner_id, p_unit, p_programme, p_may_go_negative)
          ON CONFLICT (owner_type, owner_id, unit) DO NOTHING RETURNING id INTO v_id;
        IF v_id IS NOT NULL THEN
          RETURN v_id;
        END IF;
      END LOOP;
      RAISE EXCEPTION 'ledger account %/%/% could not be opened', p_owner_type, p_owner_id, p_unit;
    END $$;

    -- A centre records a guidance session on a cheque registered to it: the hours leave the
    -- cheque for the centre's delivered-hours account [redeem]. The cheque is share-locked (a
    -- close waits for sessions in flight); the ledger's conditional update on the cheque's account
    -- keeps every session within the hours left, whatever the concurrency.
    CREATE FUNCTION voucher_record_session(p_scope text, p_key text, p_hash text, p_centre uuid, p_code text, p_date date,
                                           p_hours numeric, p_counsellor text, p_kind text, p_today date, p_recorded_by uuid)
    RETURNS TABLE (replayed boolean, status integer, outcome jsonb, body jsonb)
    LANGUAGE plpgsql AS $$
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
        RETURN QUERY SELECT true, v_claim.status, v_claim.outcome, v_claim.body;
        RETURN;
      END IF;
      -- The cheque with its citizen's login, the centre's delivered-hours account (once opened), and
      -- whether the centre is accredited today, in one read. The accreditation is read, not
      -- locked: a session that saw it active and commits while a suspension is written is ordered
      -- before that suspension.
      SELECT v.id, v.code, v.status, v.programme_code, v.centre_id, v.account_id, v.issued_on, v.valid_until, c.user_id AS citizen_user_id,
             d.id AS delivered_account,
             EXISTS (SELECT 1 FROM accreditations a WHERE a.centre_id = p_centre AND a.programme_code = v.programme_code
                     AND a.status = 'active' AND a.valid_from <= p_today AND a.valid_to >= p_today) AS accredited
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
      -- The citizen hears of every session, so one that did not take place can be disputed.
      INSERT INTO notifications (user_id, kind, subject, body, data) VALUES (
        v_voucher.citizen_user_id, 'voucher_session',
        format('A session was recorded on your cheque %s', v_voucher.code),
        format('%s hours of guidance on %s with %s; %s hours are left. If you did not attend, dispute it.',
               v_session.hours, v_session.session_date, v_session.counsellor, v_remaining),
        jsonb_build_object('voucherCode', v_voucher.code, 'sessionId', v_session.id, 'date', v_session.session_date,
                           'hours', v_session.hours::text, 'centreId', p_centre, 'remainingHours', v_remaining::text));

      -- Amounts as text: a JSON number would reach the service as a float.
      v_outcome := jsonb_build_object(
        'session', jsonb_build_object(
          'id', v_session.id, 'voucher_id', v_session.voucher_id, 'centre_id', v_session.centre_id, 'session_date', v_session.session_date,
          'hours', v_session.hours::text, 'counsellor', v_session.counsellor, 'kind', v_session.kind,
          'ledger_transaction_id', v_session.ledger_transaction_id, 'status', v_session.status,
          'reversal_transaction_id', v_session.reversal_transaction_id, 'reversed_at', v_session.reversed_at, 'created_at', v_session.created_at),
        'voucher', jsonb_build_object('code', v_voucher.code, 'status', v_voucher.status, 'remainingHours', v_remaining::text));
      UPDATE idempotency_keys SET response_status = 201, outcome = v_outcome WHERE id = v_claim.claim_id;
      RETURN QUERY SELECT false, 201, v_outcome, NULL::jsonb;
    END $$;
  `);
}

export async function down({ sequelize }: MigrationContext) {
  await sequelize.query(`
    DROP FUNCTION voucher_record_session(text, text, text, uuid, text, date, numeric, text, text, date, uuid);
    DROP FUNCTION ledger_open_account(text, text, text, text, boolean);
    DROP FUNCTION idempotency_claim(text, text, text);
    ALTER TABLE idempotency_keys DROP COLUMN outcome;
  `);
}
