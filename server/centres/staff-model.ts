// A centre's staff logins as a Sequelize model over the users table, which the auth component
// shares: only the columns a centre's staff needs are mapped (the password hash is written, never
// read back here), and sign-in and token checks stay auth's own (server/auth/user-store.ts). A
// staff member belongs to one centre (server/db/models.ts), bound by users.centre_id.
import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';

export type StaffMemberAttributes = {
  id: string;
  email: string;
  passwordHash: string | null;
  name: string;
  role: 'centre';
  centreId: string;
  disabledAt: Date | null;
  /** The centre's own administrator: adds and disables its staff (set by the service's administrators only). */
  centreAdmin: boolean;
  /** Auth's: bumped (server/auth/user-store.ts) to end every token issued before. */
  tokenVersion: number;
  createdAt: Date;
};
type Creation = Optional<StaffMemberAttributes, 'id' | 'role' | 'disabledAt' | 'centreAdmin' | 'tokenVersion' | 'createdAt'>;
export type StaffMemberModel = ModelStatic<Model<StaffMemberAttributes, Creation>>;

export function defineStaffMember(sequelize: Sequelize): StaffMemberModel {
  return sequelize.define<Model<StaffMemberAttributes, Creation>>(
    'StaffMember',
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      email: {
        type: DataTypes.TEXT,
        allowNull: false,
        unique: true,
        validate: { isEmail: true, isLowercase: true },
      },
      passwordHash: { type: DataTypes.TEXT, allowNull: true },
      name: { type: DataTypes.TEXT, allowNull: false, validate: { notEmpty: true } },
      // The table holds every role; a staff member is a user of role centre, bound to a centre.
      role: { type: DataTypes.TEXT, allowNull: false, defaultValue: 'centre', validate: { isIn: [['centre']] } },
      centreId: { type: DataTypes.UUID, allowNull: false },
      disabledAt: { type: DataTypes.DATE, allowNull: true },
      centreAdmin: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      tokenVersion: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0, validate: { min: 0 } },
      createdAt: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { tableName: 'users', defaultScope: { where: { role: 'centre' } } },
  );
}
