// Centres (career centres and learning providers) as a Sequelize model. A centre has many
// accreditations, courses and staff logins; the associations are wired in server/db/models.ts.
// The checks repeat the table's own, so a bad value is refused before it reaches the database.
import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';

export type CentreAttributes = {
  id: string;
  name: string;
  enterpriseNumber: string;
  email: string;
  createdAt: Date;
};
export type CentreModel = ModelStatic<Model<CentreAttributes, Optional<CentreAttributes, 'id' | 'createdAt'>>>;

export function defineCentre(sequelize: Sequelize): CentreModel {
  return sequelize.define<Model<CentreAttributes, Optional<CentreAttributes, 'id' | 'createdAt'>>>(
    'Centre',
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      name: { type: DataTypes.TEXT, allowNull: false, validate: { notEmpty: true } },
      enterpriseNumber: { type: DataTypes.TEXT, allowNull: false, unique: true, validate: { notEmpty: true } },
      email: { type: DataTypes.TEXT, allowNull: false, validate: { isEmail: true } },
      createdAt: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { tableName: 'centres' },
  );
}
