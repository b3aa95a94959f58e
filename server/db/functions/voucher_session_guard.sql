CREATE OR REPLACE FUNCTION voucher_session_guard()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
  moving constant text[] := ARRAY['status', 'reversal_transaction_id', 'reversed_at'];
BEGIN
  IF OLD.status <> 'recorded' OR (to_jsonb(NEW) - moving) IS DISTINCT FROM (to_jsonb(OLD) - moving) THEN
    RAISE EXCEPTION 'session % is % and changes only once, when it is reversed', OLD.id, OLD.status USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END
$function$;
