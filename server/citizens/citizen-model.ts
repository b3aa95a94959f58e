// Citizens as a Sequelize model, and the login each citizen signs in with. A citizen belongs to
// one login (citizens.user_id, unique): the users table is auth's, so only what a citizen's
// profile shows of it (the e-mail) is mapped here; sign-in and tokens stay auth's own
// (server/auth/user-store.ts). The association is wired in server/db/models.ts. The checks repeat
// the table's own, so a bad value is refused before it reaches the database. Facts are validated
// jsonb (citizen-facts.ts), with the date each was recorded on beside them (facts-recording.ts).
import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';
import type { CitizenFacts } from './citizen-facts.js';
import type { FactsRecordedOn } from './facts-recording.js';
import { NATIONAL_ID_SCHEMES, type NationalIdScheme } from './national-id.js';

export type CitizenAttributes = {
  id: string;
  userId: string;
  name: string;
  nationalId: string;
  nationalIdScheme: NationalIdScheme;
  facts: CitizenFacts;
  factsRecordedOn: FactsRecordedOn;
  createdAt: Date;
};
type Creation = Optional<CitizenAttributes, 'id' | 'facts' | 'factsRecordedOn' | 'createdAt'>;
export type CitizenModel = ModelStatic<Model<CitizenAttributes, Creation>>;

export type CitizenLoginAttributes = { id: string; email: string };
export type CitizenLoginModel = ModelStatic<Model<CitizenLoginAttributes, CitizenLoginAttributes>>;

export function defineCitizen(sequelize: Sequelize): CitizenModel {
  return sequelize.define<Model<CitizenAttributes, Creation>>(
    'Citizen',
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      userId: { type: DataTypes.UUID, allowNull: false, unique: true },
      name: { type: DataTypes.TEXT, allowNull: false },
      nationalId: { type: DataTypes.TEXT, allowNull: false, unique: true },
      nationalIdScheme: { type: DataTypes.TEXT, allowNull: false, validate: { isIn: [[...NATIONAL_ID_SCHEMES]] } },
      facts: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
      factsRecordedOn: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
      createdAt: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { tableName: 'citizens' },
  );
}

/** The users row a citizen signs in as, read-only here (auth writes it). */
export function defineCitizenLogin(sequelize: Sequelize): CitizenLoginModel {
  return sequelize.define<Model<CitizenLoginAttributes, CitizenLoginAttributes>>(
    'CitizenLogin',
    {
      id: { type: DataTypes.UUID, primaryKey: true },
      email: { type: DataTypes.TEXT, allowNull: false },
    },
    { tableName: 'users' },
  );
}
