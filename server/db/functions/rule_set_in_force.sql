CREATE OR REPLACE FUNCTION rule_set_in_force(p_code text, p_on date)
 RETURNS SETOF rule_sets
 LANGUAGE sql
 STABLE
 ROWS 1
AS $function$
  -- The one home of "rule set in force": the approved (or since superseded) version that started
  -- last on or before the date; drafts never decide. A version's window ends where the next one
  -- starts, so this is the version whose window holds the date. No row when none had started.
  SELECT r.* FROM rule_sets r
  WHERE r.programme_code = p_code AND r.state <> 'draft' AND r.effective_from <= p_on
  ORDER BY r.effective_from DESC
  LIMIT 1
$function$;
