// Programmes and their dated parameter versions as Sequelize models: a programme has many
// versions (one per start date) and many rule sets (server/eligibility/rule-set-model.ts). The
// checks repeat the table's own, so a bad value is refused before it reaches the database.
import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';

export const PROGRAMME_UNITS = ['HOUR', 'EUR', 'GBP'] as const;
export const PROGRAMME_CURRENCIES = ['EUR', 'GBP'] as const;

export type ProgrammeAttributes = {
  code: string;
  name: string;
  unit: (typeof PROGRAMME_UNITS)[number];
  currency: (typeof PROGRAMME_CURRENCIES)[number];
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
      name: { type: DataTypes.TEXT, allowNull: false, validate: { notEmpty: true } },
      unit: { type: DataTypes.TEXT, allowNull: false, validate: { isIn: [[...PROGRAMME_UNITS]] } },
      currency: { type: DataTypes.TEXT, allowNull: false, validate: { isIn: [[...PROGRAMME_CURRENCIES]] } },
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
