CREATE OR REPLACE FUNCTION programme_budget_state(p_code text)
 RETURNS TABLE(currency text, total numeric, remaining numeric)
 LANGUAGE sql
 STABLE
AS $function$
SELECT p.currency, -coalesce(f.balance, 0),
       coalesce((SELECT sum(a.balance - a.held) FROM ledger_accounts a
                 WHERE a.owner_type IN ('programme_budget', 'programme_budget_lane') AND a.programme_code = p.code AND a.unit = p.currency), 0)
FROM programmes p
LEFT JOIN ledger_accounts f ON f.owner_type = 'programme_funding' AND f.owner_id = p.code AND f.unit = p.currency
WHERE p.code = p_code
$function$;
