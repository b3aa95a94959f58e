// Centres (career centres and learning providers) as a Sequelize model. A centre has many
// accreditations, courses and staff logins; the associations are wired in server/db/models.ts.
// The checks repeat the table's own, so a bad value is refused before it reaches the database.
import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';

export type CentreAttributes = {
  id: string;
  name: string;
  enterpriseNumber: string;
  email: string;
  address: string | null;
  postcode: string | null;
  municipality: string | null;
  phone: string | null;
  website: string | null;
  createdAt: Date;
};
type Optionals = 'id' | 'createdAt' | 'address' | 'postcode' | 'municipality' | 'phone' | 'website';
export type CentreModel = ModelStatic<Model<CentreAttributes, Optional<CentreAttributes, Optionals>>>;

/** The shapes migration 40 checks: a normalised postcode, a phone number of digits and separators, a web address. */
export const POSTCODE_SHAPE = /^[A-Z0-9]+([ -][A-Z0-9]+)*$/;
export const PHONE_SHAPE = /^\+?[0-9]([0-9 ./()-]*[0-9])?$/;
export const WEBSITE_SHAPE = /^https?:\/\/[^\s/?#]+\S*$/;

const trimmed = (max: number) => ({
  len: [1, max] as [number, number],
  // Sequelize runs custom validators on a missing or null value too.
  isTrimmed(value: unknown) {
    if (typeof value === 'string' && value !== value.trim()) throw new Error('must not begin or end with spaces');
  },
});

export function defineCentre(sequelize: Sequelize): CentreModel {
  return sequelize.define<Model<CentreAttributes, Optional<CentreAttributes, Optionals>>>(
    'Centre',
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      name: { type: DataTypes.TEXT, allowNull: false, validate: { notEmpty: true } },
      enterpriseNumber: { type: DataTypes.TEXT, allowNull: false, unique: true, validate: { notEmpty: true } },
      email: { type: DataTypes.TEXT, allowNull: false, validate: { isEmail: true } },
      address: { type: DataTypes.TEXT, allowNull: true, validate: trimmed(200) },
      postcode: { type: DataTypes.TEXT, allowNull: true, validate: { len: [1, 10], is: POSTCODE_SHAPE } },
      municipality: { type: DataTypes.TEXT, allowNull: true, validate: trimmed(100) },
      phone: { type: DataTypes.TEXT, allowNull: true, validate: { len: [1, 30], is: PHONE_SHAPE } },
      website: { type: DataTypes.TEXT, allowNull: true, validate: { len: [1, 300], is: WEBSITE_SHAPE } },
      createdAt: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { tableName: 'centres' },
  );
}
