CREATE OR REPLACE FUNCTION programme_budget_alert_thresholds()
 RETURNS integer[]
 LANGUAGE sql
 IMMUTABLE
AS $function$
  -- The shares of a budget's funding (in percent) that, once committed, alert the administrators
  -- (programme_budget_alerts) and the programme dashboards: one place says them for both.
  SELECT ARRAY[80, 95]
$function$;
