CREATE OR REPLACE FUNCTION programme_places_balance(p_code text, p_period date, p_target integer, p_lanes integer)
 RETURNS void
 LANGUAGE plpgsql
AS $function$
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
END
$function$;
