CREATE OR REPLACE FUNCTION eligibility_record_decisions(p_decisions jsonb)
 RETURNS TABLE(id uuid, created_at timestamp with time zone)
 LANGUAGE sql
AS $function$
  -- The one home of storing decisions (append-only), from the service (decision-store.ts, several
  -- in one statement) and from a claim's own statement (ita_claim_application). Each element is a
  -- decision as evaluated: { decisionId, citizenId, programme, referenceDate, eligible, reasons,
  -- facts, ruleSet: { id }, nextEligibleOn, groups?, createdBy }.
  INSERT INTO decisions AS d (id, citizen_id, programme_code, reference_date, eligible, reasons, facts, rule_set_id, next_eligible_on, created_by,
                              groups)
  SELECT (e->>'decisionId')::uuid, (e->>'citizenId')::uuid, e->>'programme', (e->>'referenceDate')::date, (e->>'eligible')::boolean,
         e->'reasons', e->'facts', (e#>>'{ruleSet,id}')::uuid, (e->>'nextEligibleOn')::date, (e->>'createdBy')::uuid,
         ARRAY(SELECT jsonb_array_elements_text(coalesce(e->'groups', '[]'::jsonb)))
  FROM jsonb_array_elements(p_decisions) AS e
  RETURNING d.id, d.created_at
$function$;
