CREATE OR REPLACE FUNCTION programme_budget_alerts(p_code text)
 RETURNS SETOF integer
 LANGUAGE plpgsql
AS $function$
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
  FOREACH v_threshold IN ARRAY programme_budget_alert_thresholds() LOOP
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
END
$function$;
