// An ITA claim as one statement, built for an opening burst. The service reads what the claim
// needs (facts, rule set, course, accreditation, budget, parameters) in one query, decides
// eligibility with the rules engine, and then calls ita_claim_application, which claims the
// Idempotency-Key, stores the decision, and for an eligible citizen takes a place, grants the
// money from the budget, holds it until the verification deadline and writes the application; the
// outcome is stored with the key (migration 10).
//
// Lanes. Taking the programme's one places counter and its one budget account, every funded claim
// held both through its commit, so funded claims went one at a time (about 225 a second here,
// whatever the rest of the machine could do). So a programme's places and money may be split over
// lanes: place counters per lane, whose caps add up to the target, and budget lane accounts,
// that the money of the budget is spread over evenly. A claim works in one lane, so claims in
// different lanes run side by side. Exactness is kept: a counter never passes its cap, no account
// goes below zero, and when an even share can no longer fund a claim the lanes are emptied back
// into the budget and the claim is funded from there, or refused when the whole budget cannot.
//
// Lock order, which keeps lanes free of deadlocks: a claim takes one place lane (a free one if
// any), then the budget lane of the same number, and nothing else contended, so a budget lane is
// waited for only by a refill. A claim whose lane is short does not wait for more money: the
// statement fails with LF000 lane_short and the service runs it again as a refill, which takes
// the programme's refill lock, then the lanes in order and the budget account, and spreads the
// money evenly over the lanes again; refills queue on that lock, and a claim in a lane never
// waits for anything a refill holds.
// The budget the public and the rules see is the budget account plus its lanes
// (programme_budget_state), so nothing outside the claim needs to know lanes exist.
//
// The places counter and the budget alerts are functions the LBC claim shares (one lane), so each
// has a single definition.
import type { MigrationContext } from '../server/db/migrator.js';

export async function up({ sequelize }: MigrationContext) {
  await sequelize.query(`
    ALTER TABLE programme_places ADD COLUMN lane smallint NOT NULL DEFAULT 0 CHECK (lane >= 0);
    ALTER TABLE programme_places DROP CONSTRAINT programme_places_pkey, ADD PRIMARY KEY (programme_code, period, lane);

    -- Money of a programme: everything funded, and what is left in its budget and budget lanes
    -- (balance less open holds). Committed is total - remaining.
    CREATE FUNCTION programme_budget_state(p_code text)
    RETURNS TABLE (currency text, total numeric(18, 2), remaining numeric(18, 2))
    LANGUAGE sql STABLE AS $$
      SELECT p.currency, -coalesce(f.balance, 0),
             coalesce((SELECT sum(a.balance - a.held) FROM ledger_accounts a
                       WHERE a.owner_type IN ('programme_budget', 'programme_budget_lane') AND a.programme_code = p.code AND a.unit = p.currency), 0)
      FROM programmes p
      LEFT JOIN ledger_accounts f ON f.owner_type = 'programme_funding' AND f.owner_id = p.code AND f.unit = p.currency
      WHERE p.code = p_code
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
      SELECT s.currency, s.total, s.remaining INTO v_currency, v_total, v_remaining FROM programme_budget_state(p_code) s;
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

    -- One place of the programme year in one of p_lanes lanes; returns the lane, or NULL when no
    -- lane has room. Lane i may hold its share of the target (the shares add up to the target).
    -- A free lane with room is taken, looking from p_first on; when every lane with room is busy,
    -- the first of them from p_first on is waited for, and then the lanes are looked at again.
    -- Each try is a subtransaction that keeps its lock only when it takes the place, so a claim
    -- never holds one lane while it waits for another (no cycle, no deadlock). One lane
    -- (p_lanes = 1) is a single counter.
    CREATE FUNCTION programme_take_lane_place(p_code text, p_period date, p_target integer, p_lanes integer, p_first integer) RETURNS integer
    LANGUAGE plpgsql AS $$
    DECLARE
      v_lane integer;
      v_taken integer;
      v_wait boolean := false;
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM programme_places WHERE programme_code = p_code AND period = p_period AND lane = p_lanes - 1) THEN
        INSERT INTO programme_places (programme_code, period, lane, taken)
          SELECT p_code, p_period, g, 0 FROM generate_series(0, p_lanes - 1) g ON CONFLICT DO NOTHING;
      END IF;
      LOOP
        FOR v_lane IN
          SELECT pl.lane FROM programme_places pl
          WHERE pl.programme_code = p_code AND pl.period = p_period AND pl.lane < p_lanes
            AND (p_target IS NULL OR pl.taken < p_target / p_lanes + (CASE WHEN pl.lane < p_target % p_lanes THEN 1 ELSE 0 END))
          ORDER BY (pl.lane - p_first + p_lanes) % p_lanes
        LOOP
          BEGIN
            IF v_wait THEN
              SELECT pl.taken INTO v_taken FROM programme_places pl
                WHERE pl.programme_code = p_code AND pl.period = p_period AND pl.lane = v_lane FOR UPDATE;
            ELSE
              SELECT pl.taken INTO v_taken FROM programme_places pl
                WHERE pl.programme_code = p_code AND pl.period = p_period AND pl.lane = v_lane FOR UPDATE SKIP LOCKED;
            END IF;
            IF FOUND AND (p_target IS NULL OR v_taken < p_target / p_lanes + (CASE WHEN v_lane < p_target % p_lanes THEN 1 ELSE 0 END)) THEN
              UPDATE programme_places SET taken = taken + 1 WHERE programme_code = p_code AND period = p_period AND lane = v_lane;
              RETURN v_lane;
            END IF;
            RAISE EXCEPTION 'lane busy or full' USING ERRCODE = 'LF001';
          EXCEPTION WHEN SQLSTATE 'LF001' THEN
            -- rolled back: whatever this try locked is free again
          END;
          EXIT WHEN v_wait; -- waited for one lane: look at them all again
        END LOOP;
        IF NOT FOUND THEN
          RETURN NULL; -- no lane with room
        END IF;
        v_wait := NOT v_wait;
      END LOOP;
    END $$;

    -- The single-counter form the LBC claim uses.
    CREATE FUNCTION programme_take_place(p_code text, p_period date, p_target integer) RETURNS boolean
    LANGUAGE sql AS $$ SELECT programme_take_lane_place(p_code, p_period, p_target, 1, 0) IS NOT NULL $$;

    -- Empties every budget lane of the programme back into its budget account (lanes in order,
    -- under the programme's refill lock), and returns the budget account.
    CREATE FUNCTION programme_budget_gather(p_code text, p_currency text, p_today date) RETURNS uuid
    LANGUAGE plpgsql AS $$
    DECLARE
      v_budget uuid;
      v_lane record;
    BEGIN
      PERFORM pg_advisory_xact_lock(hashtext('programme_budget_refill:' || p_code));
      v_budget := ledger_open_account('programme_budget', p_code, p_code, p_currency, false);
      FOR v_lane IN
        SELECT a.id, a.balance - a.held AS available FROM ledger_accounts a
        WHERE a.owner_type = 'programme_budget_lane' AND a.programme_code = p_code AND a.unit = p_currency
        ORDER BY a.owner_id FOR UPDATE
      LOOP
        CONTINUE WHEN v_lane.available <= 0;
        PERFORM ledger_post('budget_lane_return', p_today, NULL, NULL, NULL, jsonb_build_object('programme', p_code),
                            ARRAY[v_lane.id, v_budget], ARRAY[-v_lane.available, v_lane.available]);
      END LOOP;
      RETURN v_budget;
    END $$;

    -- The account a grant of p_amount is drawn from, locked. In a lane (p_refill false): lane
    -- p_lane, whose place the caller holds; LF000 lane_short when it cannot fund the grant. As a
    -- refill (p_refill true), under the programme's refill lock: when the lane is still short,
    -- the money of the budget account and every lane is spread evenly over the lanes again (one
    -- posting), or, when an even share would not fund the grant, all of it goes back to the
    -- budget account and the grant is drawn from there; LF000 budget_spent when even the whole
    -- budget is short.
    CREATE FUNCTION programme_budget_draw(p_code text, p_currency text, p_amount numeric, p_lanes integer, p_lane integer,
                                          p_refill boolean, p_today date) RETURNS uuid
    LANGUAGE plpgsql AS $$
    DECLARE
      v_lane uuid := ledger_open_account('programme_budget_lane', p_code || ':' || p_lane, p_code, p_currency, false);
      v_budget uuid;
      v_available numeric;
      v_total numeric;
      v_share numeric;
      v_accounts uuid[];
      v_amounts numeric[];
    BEGIN
      IF NOT p_refill THEN
        SELECT balance - held INTO v_available FROM ledger_accounts WHERE id = v_lane FOR UPDATE;
        IF v_available < p_amount THEN
          RAISE EXCEPTION 'lane_short' USING ERRCODE = 'LF000';
        END IF;
        RETURN v_lane;
      END IF;
      PERFORM pg_advisory_xact_lock(hashtext('programme_budget_refill:' || p_code));
      SELECT balance - held INTO v_available FROM ledger_accounts WHERE id = v_lane FOR UPDATE;
      IF v_available >= p_amount THEN
        RETURN v_lane; -- spread again while this claim waited
      END IF;
      v_budget := ledger_open_account('programme_budget', p_code, p_code, p_currency, false);
      PERFORM ledger_open_account('programme_budget_lane', p_code || ':' || g, p_code, p_currency, false) FROM generate_series(0, p_lanes - 1) g;
      -- Every lane of the programme, in one order (lanes of an earlier, larger split included).
      SELECT array_agg(id ORDER BY owner_id), array_agg(balance - held ORDER BY owner_id) INTO v_accounts, v_amounts
        FROM (SELECT id, owner_id, balance, held FROM ledger_accounts
              WHERE owner_type = 'programme_budget_lane' AND programme_code = p_code AND unit = p_currency ORDER BY owner_id FOR UPDATE) lanes;
      SELECT balance - held INTO v_available FROM ledger_accounts WHERE id = v_budget FOR UPDATE;
      v_total := v_available + (SELECT sum(x) FROM unnest(v_amounts) x);
      IF v_total < p_amount THEN
        RAISE EXCEPTION 'budget_spent' USING ERRCODE = 'LF000', DETAIL = jsonb_build_object('currency', p_currency)::text;
      END IF;
      v_share := trunc(v_total / p_lanes, 2);
      IF v_share < p_amount THEN
        v_share := 0; -- too little to spread: all of it back to the budget account
      END IF;
      -- Each of the first p_lanes lanes to the share, any other lane to nothing, the rest in the budget account.
      SELECT array_agg(CASE WHEN split_part(o.owner_id, ':', 2)::integer < p_lanes THEN v_share ELSE 0 END - l.amount ORDER BY l.n)
        INTO v_amounts
        FROM unnest(v_accounts, v_amounts) WITH ORDINALITY AS l(id, amount, n) JOIN ledger_accounts o ON o.id = l.id;
      IF EXISTS (SELECT 1 FROM unnest(v_amounts) x WHERE x <> 0) THEN
        PERFORM ledger_post('budget_spread', p_today, NULL, NULL, NULL, jsonb_build_object('programme', p_code, 'lanes', p_lanes),
                            v_accounts || v_budget, v_amounts || -(SELECT sum(x) FROM unnest(v_amounts) x));
      END IF;
      RETURN CASE WHEN v_share > 0 THEN v_lane ELSE v_budget END;
    END $$;

    -- p_outcome is the answer the service drafted: the decision (its id, reasons, rule set) and,
    -- for an eligible citizen, the application and its account period. The database stores the
    -- decision from it (with p_facts) and completes it with what only it knows (times, the
    -- entitlement, the grant and the hold). p_refusal_status is 409 or 422 for a citizen found
    -- not eligible: the decision is kept and the refusal is the answer. The place and the money
    -- are taken in one lane of p_lanes, preferably p_first; the money from the lane whose place
    -- was taken, so a budget lane is only waited for by a refill (p_refill: the run after a
    -- lane_short, which tops the lane up).
    CREATE FUNCTION ita_claim_application(p_scope text, p_key text, p_hash text, p_citizen uuid, p_user uuid, p_today date,
                                          p_outcome jsonb, p_facts jsonb, p_refusal_status integer,
                                          p_places_period date, p_places_target integer, p_closing_date date, p_hold_expires_at timestamptz,
                                          p_lanes integer, p_first integer, p_refill boolean)
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
      v_lane integer;
      v_source uuid;
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

        -- The contended part, last: a place and the money, in a lane.
        v_lane := programme_take_lane_place('ITA', p_places_period, p_places_target, p_lanes, p_first);
        IF v_lane IS NULL THEN
          RAISE EXCEPTION 'places_target_reached' USING ERRCODE = 'LF000',
            DETAIL = jsonb_build_object('target', p_places_target::text, 'period', p_places_period)::text;
        END IF;
        v_source := programme_budget_draw('ITA', v_currency, v_funded, p_lanes, v_lane, p_refill, p_today);
        SELECT g.transaction_id INTO v_grant FROM ledger_post('grant', p_today, NULL, NULL, NULL,
          jsonb_build_object('programme', 'ITA', 'applicationId', v_id, 'reference', v_reference,
                             'courseId', v_application->>'courseId', 'centreId', v_application->>'centreId'),
          ARRAY[v_source, v_entitlement_account], ARRAY[-v_funded, v_funded]) g LIMIT 1;
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
    DROP FUNCTION ita_claim_application(text, text, text, uuid, uuid, date, jsonb, jsonb, integer, date, integer, date, timestamptz, integer, integer, boolean);
    -- Lanes' money goes back to each budget account and their places to one counter first.
    SELECT programme_budget_gather(p.code, p.currency, current_date) FROM programmes p;
    UPDATE programme_places p SET taken = s.taken
      FROM (SELECT programme_code, period, sum(taken) AS taken FROM programme_places GROUP BY programme_code, period) s
      WHERE p.programme_code = s.programme_code AND p.period = s.period AND p.lane = 0;
    DELETE FROM programme_places WHERE lane > 0;
    DROP FUNCTION programme_budget_draw(text, text, numeric, integer, integer, boolean, date);
    DROP FUNCTION programme_budget_gather(text, text, date);
    DROP FUNCTION programme_take_place(text, date, integer);
    DROP FUNCTION programme_take_lane_place(text, date, integer, integer, integer);
    DROP FUNCTION programme_budget_alerts(text);
    DROP FUNCTION programme_budget_state(text);
    ALTER TABLE programme_places DROP CONSTRAINT programme_places_pkey, ADD PRIMARY KEY (programme_code, period);
    ALTER TABLE programme_places DROP COLUMN lane;
  `);
}
