CREATE OR REPLACE FUNCTION programme_take_lane_place(p_code text, p_period date, p_target integer, p_lanes integer, p_first integer)
 RETURNS integer
 LANGUAGE plpgsql
AS $function$
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
END
$function$;
