// Accreditations (a centre's mandate for one programme over a window of days) as a Sequelize
// model: it belongs to its centre and its programme (server/db/models.ts). The validations repeat
// the table's checks: a window that ends on or after it starts, a reason for every status but
// active, and a re-apply date for a revocation. Whether a mandate is active on a date is not
// decided here: that rule's one home is server/db/functions/accreditation_active_on.sql.
import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';

export const ACCREDITATION_STATUSES = ['active', 'suspended', 'revoked'] as const;
export type AccreditationStatus = (typeof ACCREDITATION_STATUSES)[number];

export type AccreditationAttributes = {
  id: string;
  centreId: string;
  programmeCode: string;
  validFrom: string;
  validTo: string;
  status: AccreditationStatus;
  reason: string | null;
  reapplyAfter: string | null;
  createdAt: Date;
  updatedAt: Date;
};
type Creation = Optional<AccreditationAttributes, 'id' | 'status' | 'reason' | 'reapplyAfter'>;
export type AccreditationModel = ModelStatic<Model<AccreditationAttributes, Creation>>;

export function defineAccreditation(sequelize: Sequelize): AccreditationModel {
  return sequelize.define<Model<AccreditationAttributes, Creation>>(
    'Accreditation',
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      centreId: { type: DataTypes.UUID, allowNull: false },
      programmeCode: { type: DataTypes.TEXT, allowNull: false, validate: { is: /^[A-Z]{2,10}$/ } },
      validFrom: { type: DataTypes.DATEONLY, allowNull: false, validate: { isDate: true } },
      validTo: { type: DataTypes.DATEONLY, allowNull: false, validate: { isDate: true } },
      status: { type: DataTypes.TEXT, allowNull: false, defaultValue: 'active', validate: { isIn: [[...ACCREDITATION_STATUSES]] } },
      reason: { type: DataTypes.TEXT, allowNull: true },
      reapplyAfter: { type: DataTypes.DATEONLY, allowNull: true, validate: { isDate: true } },
      createdAt: { type: DataTypes.DATE, allowNull: false },
      updatedAt: { type: DataTypes.DATE, allowNull: false },
    },
    {
      tableName: 'accreditations',
      // A partial update (a status change) validates only what it sets: each check runs when its fields are given.
      validate: {
        windowInOrder(this: Partial<AccreditationAttributes>) {
          if (this.validFrom !== undefined && this.validTo !== undefined && this.validTo < this.validFrom)
            throw new Error('validTo must be on or after validFrom');
        },
        reasonUnlessActive(this: Partial<AccreditationAttributes>) {
          if (this.status !== undefined && this.status !== 'active' && !this.reason)
            throw new Error('a suspension or revocation needs a reason');
        },
        reapplyDateWhenRevoked(this: Partial<AccreditationAttributes>) {
          if (this.status === 'revoked' && !this.reapplyAfter) throw new Error('a revocation needs a re-apply date');
        },
      },
    },
  );
}
