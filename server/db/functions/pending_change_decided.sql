CREATE OR REPLACE FUNCTION pending_change_decided()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  -- Four eyes: a change is decided once. After that nothing of it moves, not its status, its
  -- decider, its reason or result, nor what was requested (a second decision, or a payload
  -- changed after approval, would make the record say what no second administrator approved).
  IF OLD.status <> 'pending' AND to_jsonb(NEW) IS DISTINCT FROM to_jsonb(OLD) THEN
    RAISE EXCEPTION 'pending change % is % and never changes again', OLD.id, OLD.status USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END
$function$;
