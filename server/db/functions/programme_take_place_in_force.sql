CREATE OR REPLACE FUNCTION programme_take_place_in_force(p_code text, p_on date, p_period date, p_lanes integer, p_first integer, OUT lane integer, OUT target integer)
 RETURNS record
 LANGUAGE plpgsql
AS $function$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(hashtext('programme_parameters:' || p_code));
  SELECT (pp."values"->>'placesTarget')::integer INTO target FROM programme_parameters_in_force(p_code, p_on) pp;
  lane := programme_take_lane_place(p_code, p_period, target, p_lanes, p_first);
END
$function$;
