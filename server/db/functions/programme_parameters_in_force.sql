CREATE OR REPLACE FUNCTION programme_parameters_in_force(p_code text, p_on date)
 RETURNS SETOF programme_parameters
 LANGUAGE sql
 STABLE
 ROWS 1
AS $function$
  -- The one home of "parameters in force": the version that started last on or before the date
  -- (one version per start date). No row before the first version. A single STABLE SELECT, so
  -- the planner inlines it where it is called.
  SELECT pp.* FROM programme_parameters pp
  WHERE pp.programme_code = p_code AND pp.effective_from <= p_on
  ORDER BY pp.effective_from DESC
  LIMIT 1
$function$;
