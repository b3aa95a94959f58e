CREATE OR REPLACE FUNCTION ledger_check_has_entries()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM ledger_entries WHERE transaction_id = NEW.id) THEN
    RAISE EXCEPTION 'ledger transaction % has no entries', NEW.id USING ERRCODE = 'LA900', DETAIL = NEW.id::text;
  END IF;
  RETURN NULL;
END
$function$;
