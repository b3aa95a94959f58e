CREATE OR REPLACE FUNCTION programme_funded_alone(p_code text)
 RETURNS numeric
 LANGUAGE plpgsql
AS $function$
BEGIN
  -- What administrators funded on this programme on one signature (below the approval threshold,
  -- marked so by the funding flow) in the last 24 hours, by the database's clock. The lock makes
  -- the next direct funding of the programme wait for this transaction, and then count its funding:
  -- two fundings at once cannot each pass the threshold alone. Approved and seeded fundings are not
  -- counted. Only 'fund' transactions touch the funding account, posted there as negative amounts.
  PERFORM pg_advisory_xact_lock(hashtext('programme_funded_alone'), hashtext(p_code));
  RETURN (
    SELECT coalesce(sum(-e.amount), 0)
    FROM ledger_accounts a
    JOIN ledger_entries e ON e.account_id = a.id
    JOIN ledger_transactions t ON t.id = e.transaction_id
    WHERE a.owner_type = 'programme_funding' AND a.owner_id = p_code
      AND t.kind = 'fund' AND t.metadata->>'approval' = 'one_signature'
      AND t.created_at > now() - interval '24 hours'
  );
END
$function$;
