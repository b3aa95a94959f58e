CREATE OR REPLACE FUNCTION programme_take_place(p_code text, p_period date, p_target integer)
 RETURNS boolean
 LANGUAGE sql
AS $function$ SELECT programme_take_lane_place(p_code, p_period, p_target, 1, 0) IS NOT NULL $function$;
