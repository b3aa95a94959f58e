// Programmes and their dated parameter versions as Sequelize models: a programme has many
// versions (one per start date) and many rule sets (server/eligibility/rule-set-model.ts). The
// checks repeat the table's own, so a bad value is refused before it reaches the database.
import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';

/** The four shapes of scheme (docs/design/programme-kinds.md): a kind fixes the flow, parameters the numbers. */
export const PROGRAMME_KINDS = ['hours_voucher', 'course_grant', 'accruing_account', 'credit_lots'] as const;
export type ProgrammeKind = (typeof PROGRAMME_KINDS)[number];

export type ProgrammeAttributes = {
  code: string;
  kind: ProgrammeKind;
  nameEn: string;
  nameNl: string;
  /** HOUR for an hours_voucher, else the currency. */
  unit: string;
  /** ISO 4217; the money side of every kind (an hours voucher's co-payment, fee and budget). */
  currency: string;
  createdAt: Date;
};
export type ProgrammeModel = ModelStatic<Model<ProgrammeAttributes, Optional<ProgrammeAttributes, 'createdAt'>>>;

export type ParameterVersionAttributes = {
  /** bigserial, read as text (server/db/database.ts). */
  id: string;
  programmeCode: string;
  effectiveFrom: string;
  values: Record<string, unknown>;
  note: string | null;
  createdBy: string | null;
  createdAt: Date;
};
export type ParameterVersionModel = ModelStatic<
  Model<ParameterVersionAttributes, Optional<ParameterVersionAttributes, 'id' | 'note' | 'createdBy' | 'createdAt'>>
>;

export function defineProgramme(sequelize: Sequelize): ProgrammeModel {
  return sequelize.define(
    'Programme',
    {
      code: { type: DataTypes.TEXT, primaryKey: true, validate: { is: /^[A-Z]{2,10}$/ } },
      kind: { type: DataTypes.TEXT, allowNull: false, validate: { isIn: [[...PROGRAMME_KINDS]] } },
      nameEn: { type: DataTypes.TEXT, allowNull: false, field: 'name_en', validate: { notEmpty: true } },
      nameNl: { type: DataTypes.TEXT, allowNull: false, field: 'name_nl', validate: { notEmpty: true } },
      unit: { type: DataTypes.TEXT, allowNull: false, validate: { is: /^(HOUR|[A-Z]{3})$/ } },
      currency: { type: DataTypes.TEXT, allowNull: false, validate: { is: /^[A-Z]{3}$/ } },
      createdAt: { type: DataTypes.DATE, allowNull: false, defaultValue: sequelize.fn('now') },
    },
    { tableName: 'programmes' },
  );
}

export function defineParameterVersion(sequelize: Sequelize): ParameterVersionModel {
  return sequelize.define(
    'ParameterVersion',
    {
      id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
      programmeCode: { type: DataTypes.TEXT, allowNull: false },
      effectiveFrom: { type: DataTypes.DATEONLY, allowNull: false, validate: { isDate: true } },
      values: { type: DataTypes.JSONB, allowNull: false },
      note: { type: DataTypes.TEXT, allowNull: true },
      createdBy: { type: DataTypes.UUID, allowNull: true },
      // The database's clock (the transaction's start), as the table's own default.
      createdAt: { type: DataTypes.DATE, allowNull: false, defaultValue: sequelize.fn('now') },
    },
    { tableName: 'programme_parameters' },
  );
}
