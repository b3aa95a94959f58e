// Rule sets as a Sequelize model: a programme's versioned json-rules-engine documents. A
// version's window is not a column: it ends where the next approved version starts
// (ruleset-store.ts), so windows never overlap or leave a gap. The database keeps an approved
// version frozen (rule_set_frozen) and four eyes on its approval; the model checks the shapes.
import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';
import type { TestCase } from './test-cases.js';

export const RULE_SET_STATES = ['draft', 'approved', 'superseded'] as const;
export type RuleSetState = (typeof RULE_SET_STATES)[number];

export type RuleSetAttributes = {
  id: string;
  programmeCode: string;
  version: number;
  state: RuleSetState;
  effectiveFrom: string;
  rules: unknown[];
  parameters: Record<string, unknown>;
  testCases: TestCase[];
  note: string | null;
  authorId: string | null;
  approvedBy: string | null;
  approvedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};
type Defaulted = 'id' | 'state' | 'testCases' | 'note' | 'authorId' | 'approvedBy' | 'approvedAt' | 'createdAt' | 'updatedAt';
export type RuleSetModel = ModelStatic<Model<RuleSetAttributes, Optional<RuleSetAttributes, Defaulted>>>;

const jsonArray = (value: unknown) => {
  if (!Array.isArray(value)) throw new Error('must be an array');
};

export function defineRuleSet(sequelize: Sequelize): RuleSetModel {
  return sequelize.define(
    'RuleSet',
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      programmeCode: { type: DataTypes.TEXT, allowNull: false },
      version: { type: DataTypes.INTEGER, allowNull: false, validate: { min: 1 } },
      state: { type: DataTypes.TEXT, allowNull: false, defaultValue: 'draft', validate: { isIn: [[...RULE_SET_STATES]] } },
      effectiveFrom: { type: DataTypes.DATEONLY, allowNull: false, validate: { isDate: true } },
      rules: { type: DataTypes.JSONB, allowNull: false, validate: { jsonArray } },
      parameters: {
        type: DataTypes.JSONB,
        allowNull: false,
        validate: {
          jsonObject: (value: unknown) => {
            if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('must be an object');
          },
        },
      },
      testCases: { type: DataTypes.JSONB, allowNull: false, defaultValue: [], validate: { jsonArray } },
      note: { type: DataTypes.TEXT, allowNull: true },
      authorId: { type: DataTypes.UUID, allowNull: true },
      approvedBy: { type: DataTypes.UUID, allowNull: true },
      approvedAt: { type: DataTypes.DATE, allowNull: true },
      // The database's clock; updatedAt is a draft's revision (the compiled-rule cache key).
      createdAt: { type: DataTypes.DATE, allowNull: false, defaultValue: sequelize.fn('now') },
      updatedAt: { type: DataTypes.DATE, allowNull: false, defaultValue: sequelize.fn('now') },
    },
    {
      tableName: 'rule_sets',
      validate: {
        // The table's checks: approved exactly when it has an approval time, never by its author.
        // A partial update (superseding sets the state alone) leaves what it does not set to the table's check.
        approvalTime(this: Partial<RuleSetAttributes>) {
          if (this.state === undefined || this.approvedAt === undefined) return;
          if ((this.state === 'draft') !== (this.approvedAt === null)) {
            throw new Error('a rule set has an approval time exactly when it is not a draft');
          }
        },
        fourEyes(this: RuleSetAttributes) {
          if (this.approvedBy && this.authorId && this.approvedBy === this.authorId) throw new Error('nobody approves their own rule set');
        },
      },
    },
  );
}
