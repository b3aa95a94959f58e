CREATE OR REPLACE FUNCTION entitlement_insert(p_id uuid, p_citizen uuid, p_programme text, p_start date, p_end date, p_decision uuid, p_account uuid, p_hourly_fee numeric)
 RETURNS entitlements
 LANGUAGE sql
AS $function$
  -- The one place a right is written: an LBC grant (from TypeScript, with its decision, account
  -- and fee) and an ITA account year (from ita_claim_application, its account opened by owner).
  -- A NULL id takes the column's default.
  INSERT INTO entitlements (id, citizen_id, programme_code, period_start, period_end, decision_id, account_id, hourly_fee)
    VALUES (coalesce(p_id, gen_random_uuid()), p_citizen, p_programme, p_start, p_end, p_decision, p_account, p_hourly_fee)
    RETURNING *;
$function$;
