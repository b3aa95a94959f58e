CREATE OR REPLACE FUNCTION programme_parameters_change_lock()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM pg_advisory_xact_lock(hashtext('programme_parameters:' || OLD.programme_code));
    RETURN OLD;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('programme_parameters:' || NEW.programme_code));
  RETURN NEW;
END
$function$;
