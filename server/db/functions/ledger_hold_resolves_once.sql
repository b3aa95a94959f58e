CREATE OR REPLACE FUNCTION ledger_hold_resolves_once()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  IF OLD.status <> 'open'
     OR (NEW.id, NEW.account_id, NEW.amount, NEW.expires_at, NEW.idempotency_key, NEW.request_hash, NEW.metadata, NEW.created_at)
        IS DISTINCT FROM (OLD.id, OLD.account_id, OLD.amount, OLD.expires_at, OLD.idempotency_key, OLD.request_hash, OLD.metadata, OLD.created_at)
  THEN
    RAISE EXCEPTION 'hold % is % and resolves once', OLD.id, OLD.status USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END
$function$;
