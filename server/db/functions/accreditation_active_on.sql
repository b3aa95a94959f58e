-- The one home of the rule "an accreditation is active on a date": its status is active and its
-- window (both ends included) holds the date. Every check asks through this function, in SQL
-- (voucher_record_session, the ITA claim's context, the public list of centres) and from
-- TypeScript (server/centres/accreditation-store.ts). Rows rather than a yes or no, so a caller
-- can filter them by centre and programme or list the mandates themselves. LANGUAGE sql and
-- STABLE, so the planner inlines it into the caller's query and still uses the indexes; the
-- columns are spelled out so that the function does not depend on the table's row type (a
-- migration may still drop or change the table).
CREATE OR REPLACE FUNCTION accreditation_active_on(p_date date)
 RETURNS TABLE(id uuid, centre_id uuid, programme_code text, valid_from date, valid_to date)
 LANGUAGE sql
 STABLE
AS $function$
  SELECT a.id, a.centre_id, a.programme_code, a.valid_from, a.valid_to FROM accreditations a
   WHERE a.status = 'active' AND a.valid_from <= p_date AND a.valid_to >= p_date
$function$;
