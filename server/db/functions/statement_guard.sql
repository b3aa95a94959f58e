CREATE OR REPLACE FUNCTION statement_guard()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
  moving constant text[] := ARRAY['status', 'settle_transaction_id', 'pay_transaction_id', 'paid_at', 'paid_by'];
BEGIN
  IF OLD.status = 'paid' THEN
    RAISE EXCEPTION 'statement % is paid and never changes', OLD.id USING ERRCODE = 'restrict_violation';
  END IF;
  IF (to_jsonb(NEW) - moving) IS DISTINCT FROM (to_jsonb(OLD) - moving) THEN
    RAISE EXCEPTION 'statement %: its amounts and parties never change', OLD.id USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END
$function$;
