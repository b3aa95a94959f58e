CREATE OR REPLACE FUNCTION application_insert(p_id uuid, p_reference text, p_citizen uuid, p_entitlement uuid, p_decision uuid, p_centre uuid, p_course uuid, p_year integer, p_price numeric, p_funded numeric, p_learner numeric, p_currency text, p_applied date, p_verify_by date, p_grant uuid, p_hold uuid, p_created timestamp with time zone, p_one_per_period boolean)
 RETURNS applications
 LANGUAGE sql
AS $function$
  -- The one place an application is written: a course grant's claim statement (course_grant_claim,
  -- one per period) and an accruing account's claim (from TypeScript, many per period). A NULL
  -- creation time takes the column's default.
  INSERT INTO applications (id, reference, citizen_id, entitlement_id, decision_id, centre_id, course_id, account_year, course_price,
                            funded_amount, learner_part, currency, applied_on, verify_by, grant_transaction_id, hold_id, created_at,
                            one_per_period)
    VALUES (p_id, p_reference, p_citizen, p_entitlement, p_decision, p_centre, p_course, p_year, p_price, p_funded, p_learner, p_currency,
            p_applied, p_verify_by, p_grant, p_hold, coalesce(p_created, now()), p_one_per_period)
    RETURNING *;
$function$;
