CREATE OR REPLACE FUNCTION ledger_check_held()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
  v_account uuid;
  v_held numeric;
  v_open numeric;
BEGIN
  IF TG_TABLE_NAME = 'ledger_holds' THEN v_account := NEW.account_id; ELSE v_account := NEW.id; END IF;
  SELECT held INTO v_held FROM ledger_accounts WHERE id = v_account;
  SELECT coalesce(sum(amount), 0) INTO v_open FROM ledger_holds WHERE account_id = v_account AND status = 'open';
  IF v_held <> v_open THEN
    RAISE EXCEPTION 'account % holds % but its open holds total %', v_account, v_held, v_open
      USING ERRCODE = 'LA900', DETAIL = v_account::text;
  END IF;
  RETURN NULL;
END
$function$;
