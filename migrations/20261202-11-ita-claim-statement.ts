// An ITA claim as one statement, for the opening burst. The service reads what the claim needs
// (facts, rule set, course, accreditation, budget, parameters) in one query, decides eligibility
// with the rules engine, and then calls ita_claim_application, which claims the Idempotency-Key,
// stores the decision, and for an eligible citizen takes a place, grants the money from the
// budget, holds it until the verification deadline and writes the application; the outcome is
// stored with the key (migration 10). The two rows every claim contends for (the programme's
// places counter and its budget account) are taken last, so they are held for the least time.
//
// The places counter and the budget alerts become functions too, so the LBC claim (still a
// transaction in the service) and this one share a single definition of each.
import type { MigrationContext } from '../server/db/migrator.js';

export async function up({ sequelize }: MigrationContext) {
  await sequelize.query(`
    -- Takes one place of the programme year when the target allows: one conditional upsert, whose
    -- row lock serialises concurrent claims until they commit (a claim that fails rolls it back).
    CREATE FUNCTION programme_take_place(p_code text, p_period date, p_target integer) RETURNS boolean
    LANGUAGE sql AS $$
      WITH taken AS (
        INSERT INTO programme_places (programme_code, period, taken)
        SELECT p_code, p_period, 1 WHERE p_target IS NULL OR p_target >= 1
        ON CONFLICT (programme_code, period) DO UPDATE SET taken = programme_places.taken + 1
          WHERE p_target IS NULL OR programme_places.taken < p_target
        RETURNING 1)
      SELECT EXISTS (SELECT 1 FROM taken)
    $$;

    -- After a charge to the budget: when commitments reach 80% or 95% of the funds, the
    -- administrators are told once per threshold and funding total (the alert row's key decides
    -- who tells them, also under concurrency; new funds arm the alerts again). Returns the
    -- thresholds this call announced.
    CREATE FUNCTION programme_budget_alerts(p_code text) RETURNS SETOF integer
    LANGUAGE plpgsql AS $$
    DECLARE
      v_currency text;
      v_total numeric(18, 2);
      v_remaining numeric(18, 2);
      v_committed numeric(18, 2);
      v_threshold integer;
    BEGIN
      SELECT p.currency, -coalesce(f.balance, 0), coalesce(b.balance, 0) - coalesce(b.held, 0)
        INTO v_currency, v_total, v_remaining
        FROM programmes p
        LEFT JOIN ledger_accounts b ON b.owner_type = 'programme_budget' AND b.owner_id = p.code AND b.unit = p.currency
        LEFT JOIN ledger_accounts f ON f.owner_type = 'programme_funding' AND f.owner_id = p.code AND f.unit = p.currency
        WHERE p.code = p_code;
      IF NOT FOUND OR v_total <= 0 THEN
        RETURN;
      END IF;
      v_committed := v_total - v_remaining;
      FOREACH v_threshold IN ARRAY ARRAY[80, 95] LOOP
        CONTINUE WHEN v_committed * 100 < v_total * v_threshold;
        INSERT INTO budget_alerts (programme_code, threshold, funding_total, committed) VALUES (p_code, v_threshold, v_total, v_committed)
          ON CONFLICT DO NOTHING;
        CONTINUE WHEN NOT FOUND;
        INSERT INTO notifications (role, kind, subject, body, data) VALUES ('admin', 'budget_threshold',
          format('Programme %s: %s%% of the budget committed', p_code, v_threshold),
          format('%s of %s %s is committed (%s%%); %s %s remains.', v_committed, v_total, v_currency,
                 trunc(v_committed * 100 / v_total, 1), v_remaining, v_currency),
          jsonb_build_object('programme', p_code, 'threshold', v_threshold, 'total', v_total::text,
                             'committed', v_committed::text, 'remaining', v_remaining::text));
        RETURN NEXT v_threshold;
      END LOOP;
    END $$;

    -- p_outcome is the answer the service drafted: the decision (its id, reasons, rule set) and,
    -- for an eligible citizen, the application and its account period. The database stores the
    -- decision from it (with p_facts) and completes it with what only it knows (times, the
    -- entitlement, the grant and the hold). p_refusal_status is 409 or 422 for a citizen found
    -- not eligible: the decision is kept and the refusal is the answer.
    CREATE FUNCTION ita_claim_application(p_scope text, p_key text, p_hash text, p_citizen uuid, p_user uuid, p_today date,
                                          p_outcome jsonb, p_facts jsonb, p_refusal_status integer,
                                          p_places_period date, p_places_target integer, p_closing_date date, p_hold_expires_at timestamptz)
    RETURNS TABLE (replayed boolean, status integer, outcome jsonb, body jsonb)
    LANGUAGE plpgsql AS $$
    DECLARE
      v_claim record;
      v_decision jsonb := p_outcome->'decision';
      v_application jsonb := p_outcome->'application';
      v_id uuid := (p_outcome#>>'{application,id}')::uuid;
      v_reference text := p_outcome#>>'{application,reference}';
      v_year integer := (p_outcome#>>'{application,accountYear}')::integer;
      v_start date := (p_outcome#>>'{accountPeriod,start}')::date;
      v_currency text := p_outcome#>>'{application,currency}';
      v_funded numeric := (p_outcome#>>'{application,fundedAmount}')::numeric;
      v_decided_at timestamptz;
      v_outcome jsonb;
      v_existing text;
      v_entitlement uuid;
      v_entitlement_account uuid;
      v_budget_account uuid;
      v_grant uuid;
      v_hold uuid;
    BEGIN
      SELECT * INTO v_claim FROM idempotency_claim(p_scope, p_key, p_hash);
      IF v_claim.claim_id IS NULL THEN
        RETURN QUERY SELECT true, v_claim.status, v_claim.outcome, v_claim.body;
        RETURN;
      END IF;
      -- A citizen's claims go one at a time, so the one-per-year check sees the other's application.
      PERFORM 1 FROM citizens WHERE id = p_citizen FOR UPDATE;
      INSERT INTO decisions (id, citizen_id, programme_code, reference_date, eligible, reasons, facts, rule_set_id, next_eligible_on, created_by)
        VALUES ((v_decision->>'decisionId')::uuid, p_citizen, 'ITA', p_today, (v_decision->>'eligible')::boolean, v_decision->'reasons', p_facts,
                (v_decision#>>'{ruleSet,id}')::uuid, (v_decision->>'nextEligibleOn')::date, p_user)
        RETURNING created_at INTO v_decided_at;
      v_outcome := jsonb_set(p_outcome, '{decision,createdAt}', to_jsonb(v_decided_at));

      IF p_refusal_status IS NULL THEN
        SELECT a.reference INTO v_existing FROM applications a
          WHERE a.citizen_id = p_citizen AND a.account_year = v_year AND a.status NOT IN ('lapsed', 'cancelled');
        IF FOUND THEN
          RAISE EXCEPTION 'application_exists' USING ERRCODE = 'LF000',
            DETAIL = jsonb_build_object('reference', v_existing, 'accountYear', v_year::text, 'start', v_start)::text;
        END IF;
        IF p_closing_date IS NOT NULL AND p_today > p_closing_date THEN
          RAISE EXCEPTION 'closing_date_passed' USING ERRCODE = 'LF000', DETAIL = jsonb_build_object('closingDate', p_closing_date)::text;
        END IF;
        SELECT e.id INTO v_entitlement FROM entitlements e WHERE e.citizen_id = p_citizen AND e.programme_code = 'ITA' AND e.period_start = v_start;
        IF NOT FOUND THEN
          INSERT INTO entitlements (citizen_id, programme_code, period_start, period_end)
            VALUES (p_citizen, 'ITA', v_start, (p_outcome#>>'{accountPeriod,end}')::date) RETURNING id INTO v_entitlement;
        END IF;
        v_entitlement_account := ledger_open_account('entitlement', v_entitlement::text, 'ITA', v_currency, false);
        v_budget_account := ledger_open_account('programme_budget', 'ITA', 'ITA', v_currency, false);

        -- The contended part, last.
        IF NOT programme_take_place('ITA', p_places_period, p_places_target) THEN
          RAISE EXCEPTION 'places_target_reached' USING ERRCODE = 'LF000',
            DETAIL = jsonb_build_object('target', p_places_target::text, 'period', p_places_period)::text;
        END IF;
        SELECT g.transaction_id INTO v_grant FROM ledger_post('grant', p_today, NULL, NULL, NULL,
          jsonb_build_object('programme', 'ITA', 'applicationId', v_id, 'reference', v_reference,
                             'courseId', v_application->>'courseId', 'centreId', v_application->>'centreId'),
          ARRAY[v_budget_account, v_entitlement_account], ARRAY[-v_funded, v_funded]) g LIMIT 1;
        SELECT h.hold_id INTO v_hold FROM ledger_place_hold(v_entitlement_account, v_funded, p_hold_expires_at, NULL, NULL,
          jsonb_build_object('applicationId', v_id, 'reference', v_reference, 'purpose', 'ita_application')) h;
        INSERT INTO applications (id, reference, citizen_id, entitlement_id, decision_id, centre_id, course_id, account_year, course_price,
                                  funded_amount, learner_part, currency, applied_on, verify_by, grant_transaction_id, hold_id, created_at)
          VALUES (v_id, v_reference, p_citizen, v_entitlement, (v_decision->>'decisionId')::uuid, (v_application->>'centreId')::uuid,
                  (v_application->>'courseId')::uuid, v_year, (v_application->>'coursePrice')::numeric, v_funded,
                  (v_application->>'learnerPart')::numeric, v_currency, p_today, (v_application->>'verifyBy')::date, v_grant, v_hold,
                  (v_application->>'createdAt')::timestamptz);
        PERFORM programme_budget_alerts('ITA');
        v_outcome := jsonb_set(v_outcome, '{application}',
          v_application || jsonb_build_object('entitlementId', v_entitlement, 'grantTransactionId', v_grant, 'holdId', v_hold));
      END IF;

      UPDATE idempotency_keys SET response_status = coalesce(p_refusal_status, 201), outcome = v_outcome WHERE id = v_claim.claim_id;
      RETURN QUERY SELECT false, coalesce(p_refusal_status, 201), v_outcome, NULL::jsonb;
    END $$;

  `);
}

export async function down({ sequelize }: MigrationContext) {
  await sequelize.query(`
    DROP FUNCTION ita_claim_application(text, text, text, uuid, uuid, date, jsonb, jsonb, integer, date, integer, date, timestamptz);
    DROP FUNCTION programme_budget_alerts(text);
    DROP FUNCTION programme_take_place(text, date, integer);
  `);
}
