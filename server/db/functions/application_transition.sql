CREATE OR REPLACE FUNCTION application_transition()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  IF (NEW.reference, NEW.citizen_id, NEW.entitlement_id, NEW.decision_id, NEW.centre_id, NEW.course_id, NEW.account_year,
      NEW.course_price, NEW.funded_amount, NEW.learner_part, NEW.currency, NEW.applied_on, NEW.grant_transaction_id, NEW.created_at)
     IS DISTINCT FROM
     (OLD.reference, OLD.citizen_id, OLD.entitlement_id, OLD.decision_id, OLD.centre_id, OLD.course_id, OLD.account_year,
      OLD.course_price, OLD.funded_amount, OLD.learner_part, OLD.currency, OLD.applied_on, OLD.grant_transaction_id, OLD.created_at) THEN
    RAISE EXCEPTION 'application %: what it funds cannot change', OLD.reference USING ERRCODE = 'restrict_violation';
  END IF;
  IF NEW.status IS DISTINCT FROM OLD.status AND NOT (
       (OLD.status = 'pending_verification' AND NEW.status IN ('verified', 'lapsed', 'cancelled', 'refused'))
    OR (OLD.status = 'verified' AND NEW.status IN ('claimed', 'cancelled', 'refused'))) THEN
    RAISE EXCEPTION 'application %: % -> % is not a transition', OLD.reference, OLD.status, NEW.status USING ERRCODE = 'restrict_violation';
  END IF;
  IF OLD.status IN ('claimed', 'lapsed', 'cancelled', 'refused') THEN
    RAISE EXCEPTION 'application % is %: it no longer changes', OLD.reference, OLD.status USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END
$function$;
