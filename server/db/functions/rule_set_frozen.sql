CREATE OR REPLACE FUNCTION rule_set_frozen()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.state <> 'draft' THEN RAISE EXCEPTION 'rule set % is approved: DELETE refused', OLD.id USING ERRCODE = 'restrict_violation'; END IF;
    RETURN OLD;
  END IF;
  IF OLD.state <> 'draft' AND (NEW.rules, NEW.parameters, NEW.test_cases, NEW.effective_from, NEW.programme_code, NEW.version, NEW.author_id, NEW.approved_by, NEW.approved_at)
     IS DISTINCT FROM (OLD.rules, OLD.parameters, OLD.test_cases, OLD.effective_from, OLD.programme_code, OLD.version, OLD.author_id, OLD.approved_by, OLD.approved_at)
     OR (OLD.state = 'superseded' AND NEW.state <> 'superseded') THEN
    RAISE EXCEPTION 'rule set % is approved: only its state may change', OLD.id USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END
$function$;
