// Two fixes of issue 13.
//
// Disputes protect the programme's money. A session whose dispute is upheld after it was settled
// leaves the centre owing what it was paid for it: a correction (settlement_corrections) booked on
// the centre's receivable when the dispute is decided, and netted in the centre's next statements
// by correction lines, as much as each statement's positive lines cover; the rest is carried
// forward (statements.carried_forward, statement_lines.carried_forward), never dropped. A
// correction may so have one line on each of several statements, hence the narrower uniqueness.
//
// Places lanes keep the target whatever it becomes. A lane's cap was its share of the target in
// force, ignoring places already taken in other lanes, so lowering the target left lanes over
// their new share while the others still filled theirs. Each lane now stores its cap, and the
// (target, lanes) the caps were balanced for; a claim that brings another target balances the
// caps again, all lanes locked: each lane keeps what it has taken and the places still open under
// the target (none once it is reached) are shared out. The caps then add up to at most
// max(target, places taken), and a claim only takes a place below its lane's cap. The balancing
// is where a new target takes effect for claims: a claim that read the old target just before a
// change (in the milliseconds between its context read and this statement) may still be funded
// under the old target, as if made before the change; claims that read the new one never pass it.
import type { MigrationContext } from '../server/db/migrator.js';

export async function up({ sequelize }: MigrationContext) {
  await sequelize.query(`
    CREATE TABLE settlement_corrections (
      id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      programme_code  text NOT NULL REFERENCES programmes(code),
      centre_id       uuid NOT NULL REFERENCES centres(id),
      currency        text NOT NULL,
      dispute_id      uuid NOT NULL UNIQUE REFERENCES voucher_disputes(id),
      session_id      uuid NOT NULL REFERENCES voucher_sessions(id),
      -- What the centre was paid for the session and now owes.
      amount          numeric(16,2) NOT NULL CHECK (amount > 0),
      transaction_id  uuid NOT NULL REFERENCES ledger_transactions(id),
      description     text NOT NULL,
      created_at      timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX settlement_corrections_centre_idx ON settlement_corrections (programme_code, centre_id, created_at, id);
    CREATE TRIGGER settlement_corrections_append_only BEFORE UPDATE OR DELETE ON settlement_corrections FOR EACH ROW EXECUTE FUNCTION refuse_change();

    ALTER TABLE statement_lines DROP CONSTRAINT statement_lines_source_type_check,
      ADD CONSTRAINT statement_lines_source_type_check CHECK (source_type IN ('voucher_session', 'application', 'correction')),
      -- A correction line: what the correction still owes after this line.
      ADD COLUMN carried_forward numeric(16,2) CHECK (carried_forward >= 0),
      ADD CHECK ((source_type = 'correction') = (carried_forward IS NOT NULL)),
      ADD CHECK (source_type <> 'correction' OR (sign = -1 AND amount <= 0)),
      DROP CONSTRAINT statement_lines_source_type_source_id_sign_key;
    CREATE UNIQUE INDEX statement_lines_source_once_idx ON statement_lines (source_type, source_id, sign) WHERE source_type <> 'correction';
    CREATE UNIQUE INDEX statement_lines_correction_idx ON statement_lines (source_id, statement_id) WHERE source_type = 'correction';

    -- What the centre's corrections still owe after this statement.
    ALTER TABLE statements ADD COLUMN carried_forward numeric(16,2) NOT NULL DEFAULT 0 CHECK (carried_forward >= 0),
      ADD CHECK (total >= 0);

    ALTER TABLE programme_places ADD COLUMN cap integer CHECK (cap >= 0),
      ADD COLUMN balanced_target integer,
      ADD COLUMN balanced_lanes integer;

    -- Shares the places still open under p_target over lanes 0 .. p_lanes - 1 (any lane of an
    -- earlier, larger split keeps what it took and gets no room), all lanes locked in order after
    -- the programme's balancing lock. A null target caps nothing.
    CREATE FUNCTION programme_places_balance(p_code text, p_period date, p_target integer, p_lanes integer) RETURNS void
    LANGUAGE plpgsql AS $$
    DECLARE
      v_open integer;
    BEGIN
      PERFORM pg_advisory_xact_lock(hashtext('programme_places_balance:' || p_code));
      INSERT INTO programme_places (programme_code, period, lane, taken)
        SELECT p_code, p_period, g, 0 FROM generate_series(0, p_lanes - 1) g ON CONFLICT DO NOTHING;
      PERFORM 1 FROM programme_places WHERE programme_code = p_code AND period = p_period ORDER BY lane FOR UPDATE;
      IF EXISTS (SELECT 1 FROM programme_places WHERE programme_code = p_code AND period = p_period AND lane = p_lanes - 1
                 AND balanced_lanes = p_lanes AND balanced_target IS NOT DISTINCT FROM p_target) THEN
        RETURN; -- balanced while this claim waited
      END IF;
      SELECT greatest(p_target - sum(taken), 0) INTO v_open FROM programme_places WHERE programme_code = p_code AND period = p_period;
      UPDATE programme_places SET balanced_target = p_target, balanced_lanes = p_lanes,
        cap = CASE WHEN p_target IS NULL THEN NULL
                   WHEN lane >= p_lanes THEN taken
                   ELSE taken + v_open / p_lanes + (CASE WHEN lane < v_open % p_lanes THEN 1 ELSE 0 END) END
        WHERE programme_code = p_code AND period = p_period;
    END $$;

    -- One place of the programme year in one of p_lanes lanes; returns the lane, or NULL when no
    -- lane has room. A lane has room below its cap; the caps are balanced again first when they
    -- were balanced for another target or number of lanes. A free lane with room is taken, looking
    -- from p_first on; when every lane with room is busy, the first of them from p_first on is
    -- waited for, and then the lanes are looked at again. Each try is a subtransaction that keeps
    -- its lock only when it takes the place, so a claim never holds one lane while it waits for
    -- another (no cycle, no deadlock). One lane (p_lanes = 1) is a single counter.
    CREATE OR REPLACE FUNCTION programme_take_lane_place(p_code text, p_period date, p_target integer, p_lanes integer, p_first integer) RETURNS integer
    LANGUAGE plpgsql AS $$
    DECLARE
      v_lane integer;
      v_taken integer;
      v_cap integer;
      v_wait boolean := false;
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM programme_places WHERE programme_code = p_code AND period = p_period AND lane = p_lanes - 1
                     AND balanced_lanes = p_lanes AND balanced_target IS NOT DISTINCT FROM p_target) THEN
        PERFORM programme_places_balance(p_code, p_period, p_target, p_lanes);
      END IF;
      LOOP
        FOR v_lane IN
          SELECT pl.lane FROM programme_places pl
          WHERE pl.programme_code = p_code AND pl.period = p_period AND pl.lane < p_lanes AND (pl.cap IS NULL OR pl.taken < pl.cap)
          ORDER BY (pl.lane - p_first + p_lanes) % p_lanes
        LOOP
          BEGIN
            IF v_wait THEN
              SELECT pl.taken, pl.cap INTO v_taken, v_cap FROM programme_places pl
                WHERE pl.programme_code = p_code AND pl.period = p_period AND pl.lane = v_lane FOR UPDATE;
            ELSE
              SELECT pl.taken, pl.cap INTO v_taken, v_cap FROM programme_places pl
                WHERE pl.programme_code = p_code AND pl.period = p_period AND pl.lane = v_lane FOR UPDATE SKIP LOCKED;
            END IF;
            -- The cap read under the lock: one balanced while this claim looked is the one that counts.
            IF FOUND AND (v_cap IS NULL OR v_taken < v_cap) THEN
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
  `);
}

export async function down({ sequelize }: MigrationContext) {
  await sequelize.query(`
    CREATE OR REPLACE FUNCTION programme_take_lane_place(p_code text, p_period date, p_target integer, p_lanes integer, p_first integer) RETURNS integer
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
          END;
          EXIT WHEN v_wait;
        END LOOP;
        IF NOT FOUND THEN
          RETURN NULL;
        END IF;
        v_wait := NOT v_wait;
      END LOOP;
    END $$;
    DROP FUNCTION programme_places_balance(text, date, integer, integer);
    ALTER TABLE programme_places DROP COLUMN balanced_lanes, DROP COLUMN balanced_target, DROP COLUMN cap;
    ALTER TABLE statements DROP COLUMN carried_forward;
    DROP INDEX statement_lines_correction_idx, statement_lines_source_once_idx;
    ALTER TABLE statement_lines DISABLE TRIGGER statement_lines_append_only;
    DELETE FROM statement_lines WHERE source_type = 'correction';
    ALTER TABLE statement_lines ENABLE TRIGGER statement_lines_append_only;
    ALTER TABLE statement_lines DROP COLUMN carried_forward,
      DROP CONSTRAINT statement_lines_source_type_check,
      ADD CONSTRAINT statement_lines_source_type_check CHECK (source_type IN ('voucher_session', 'application')),
      ADD UNIQUE (source_type, source_id, sign);
    DROP TABLE settlement_corrections;
  `);
}
