CREATE OR REPLACE FUNCTION idempotency_claim(p_scope text, p_key text, p_hash text)
 RETURNS TABLE(claim_id bigint, status integer, outcome jsonb, body jsonb)
 LANGUAGE plpgsql
AS $function$
DECLARE
  v_id bigint;
  v_seen idempotency_keys%ROWTYPE;
BEGIN
  -- A key holds either the domain outcome of a flow function (outcome), or an answer the HTTP
  -- layer stored rendered (status and body: a refusal, or a transactional route's answer).
  -- Keys answered before outcomes were domain outcomes hold a status beside their outcome: the
  -- flow's renderer reads the outcome alone, and the status goes unused.
  INSERT INTO idempotency_keys (scope, key, request_hash) VALUES (p_scope, p_key, p_hash)
  ON CONFLICT (scope, key) DO NOTHING RETURNING id INTO v_id;
  IF v_id IS NOT NULL THEN
    RETURN QUERY SELECT v_id, NULL::integer, NULL::jsonb, NULL::jsonb;
    RETURN;
  END IF;
  SELECT * INTO v_seen FROM idempotency_keys k WHERE k.scope = p_scope AND k.key = p_key;
  IF v_seen.request_hash IS DISTINCT FROM p_hash THEN
    RAISE EXCEPTION 'idempotency key % was used for another request', p_key USING ERRCODE = 'LA002';
  END IF;
  RETURN QUERY SELECT NULL::bigint, v_seen.response_status, v_seen.outcome, v_seen.response_body;
END
$function$;
