CREATE OR REPLACE FUNCTION programme_take_place_in_force(p_code text, p_on date, p_period date, p_lanes integer, p_first integer, OUT lane integer, OUT target integer, OUT closing_date date)
 RETURNS record
 LANGUAGE plpgsql
AS $function$
BEGIN
  -- Parameter changes take this lock exclusively (programme_parameters_change_lock): the target
  -- and closing date read here are the ones in force until this claim's transaction ends.
  PERFORM pg_advisory_xact_lock_shared(hashtext('programme_parameters:' || p_code));
  SELECT (pp."values"->>'placesTarget')::integer, (pp."values"->>'closingDate')::date INTO target, closing_date
    FROM programme_parameters_in_force(p_code, p_on) pp;
  -- Closed on p_on: no place taken (lane NULL); the caller refuses by the closing date returned.
  IF closing_date IS NOT NULL AND p_on > closing_date THEN
    RETURN;
  END IF;
  lane := programme_take_lane_place(p_code, p_period, target, p_lanes, p_first);
END
$function$;
