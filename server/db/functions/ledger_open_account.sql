CREATE OR REPLACE FUNCTION ledger_open_account(p_owner_type text, p_owner_id text, p_programme text, p_unit text, p_may_go_negative boolean)
 RETURNS uuid
 LANGUAGE plpgsql
AS $function$
DECLARE
  v_id uuid;
  v_may_go_negative boolean;
BEGIN
  FOR attempt IN 1..2 LOOP
    SELECT id, may_go_negative INTO v_id, v_may_go_negative FROM ledger_accounts
      WHERE owner_type = p_owner_type AND owner_id = p_owner_id AND unit = p_unit;
    IF FOUND THEN
      IF v_may_go_negative <> p_may_go_negative THEN
        RAISE EXCEPTION 'ledger account %/%/% exists with may_go_negative=%', p_owner_type, p_owner_id, p_unit, v_may_go_negative;
      END IF;
      RETURN v_id;
    END IF;
    INSERT INTO ledger_accounts (owner_type, owner_id, unit, programme_code, may_go_negative)
      VALUES (p_owner_type, p_owner_id, p_unit, p_programme, p_may_go_negative)
      ON CONFLICT (owner_type, owner_id, unit) DO NOTHING RETURNING id INTO v_id;
    IF v_id IS NOT NULL THEN
      RETURN v_id;
    END IF;
  END LOOP;
  RAISE EXCEPTION 'ledger account %/%/% could not be opened', p_owner_type, p_owner_id, p_unit;
END
$function$;
