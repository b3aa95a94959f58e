CREATE OR REPLACE FUNCTION ledger_check_balanced()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
  off record;
BEGIN
  SELECT unit, sum(amount) AS total INTO off FROM ledger_entries
    WHERE transaction_id = NEW.transaction_id GROUP BY unit HAVING sum(amount) <> 0 LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'ledger transaction % does not balance in %: off by %', NEW.transaction_id, off.unit, off.total
      USING ERRCODE = 'LA900', DETAIL = NEW.transaction_id::text;
  END IF;
  RETURN NULL;
END
$function$;
