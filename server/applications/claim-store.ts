// Everything an ITA claim reads before it decides, in one round trip and without locks: the
// decision's inputs (rule set in force, the citizen's facts, the budget left), the citizen's
// name, the course with its provider and whether that provider is accredited today, the
// programme's currency, and the parameter values in force. What must hold when the claim writes is checked again
// there (ita_claim_application, migration 11): one funded application per year, places, money.
import { Decimal } from 'decimal.js';
import type { Sequelize } from 'sequelize';
import { queryRows } from '../db/database.js';
import { DECISION_INPUTS_SQL, decisionInputsBinds, decisionInputsOf, type DecisionInputs } from '../eligibility/fact-store.js';
import { ITA } from './ita-terms.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type ClaimCourse = { id: string; centreId: string; centreName: string; title: string; qualification: string; price: Decimal; currency: string; accredited: boolean };

export type ClaimContext = {
  inputs: DecisionInputs;
  citizenName: string | undefined;
  /** The course when it exists and is approved. */
  course: ClaimCourse | undefined;
  currency: string;
  /** The values of the parameter version in force, if any. */
  parameters: Record<string, unknown> | undefined;
};

type Row = {
  rule_set_id: string | null; rule_set_updated_at: Date | null; id: string | null; facts: Record<string, unknown> | null; last_start: string | null;
  budget_remaining: string | null; citizen_name: string | null; course_id: string | null; centre_id: string; centre_name: string; course_title: string;
  course_qualification: string; course_price: string; course_currency: string; accredited: boolean; currency: string;
  parameters: Record<string, unknown> | null;
};

export async function readClaimContext(sequelize: Sequelize, claim: { citizenId: string; courseId: string; today: string }): Promise<ClaimContext> {
  const [row] = await queryRows<Row>(
    sequelize,
    `WITH inputs AS (${DECISION_INPUTS_SQL}),
     course AS (
       SELECT co.id AS course_id, co.centre_id, ce.name AS centre_name, co.title AS course_title, co.qualification AS course_qualification,
              co.price AS course_price, co.currency AS course_currency,
              EXISTS (SELECT 1 FROM accreditations a WHERE a.centre_id = co.centre_id AND a.programme_code = $6 AND a.status = 'active'
                      AND a.valid_from <= $5 AND a.valid_to >= $5) AS accredited
       FROM courses co JOIN centres ce ON ce.id = co.centre_id WHERE co.id = $4 AND co.status = 'approved')
     SELECT inputs.*, course.*, (SELECT name FROM citizens WHERE id = inputs.id) AS citizen_name,
            (SELECT currency FROM programmes WHERE code = $6) AS currency,
            (SELECT "values" FROM programme_parameters WHERE programme_code = $6 AND effective_from <= $5
             ORDER BY effective_from DESC LIMIT 1) AS parameters
     FROM inputs LEFT JOIN course ON true`,
    [...decisionInputsBinds([{ programmeCode: ITA, referenceDate: claim.today, citizenId: claim.citizenId }]), UUID.test(claim.courseId) ? claim.courseId : null, claim.today, ITA],
  );
  if (!row) throw new Error('the ITA programme does not exist');
  const course: ClaimCourse | undefined = row.course_id
    ? {
        id: row.course_id,
        centreId: row.centre_id,
        centreName: row.centre_name,
        title: row.course_title,
        qualification: row.course_qualification,
        price: new Decimal(row.course_price),
        currency: row.course_currency,
        accredited: row.accredited,
      }
    : undefined;
  return {
    inputs: decisionInputsOf(row),
    citizenName: row.citizen_name ?? undefined,
    course,
    currency: row.currency,
    parameters: row.parameters ?? undefined,
  };
}
