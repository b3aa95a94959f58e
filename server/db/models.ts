// The registries as Sequelize models (programmes, citizens, centres, staff, accreditations,
// courses, rule sets), defined once per Sequelize instance: the service's app-role connection
// and the owner's (migrations, seeds) each get their own, since a model belongs to one instance.
// Each component defines its models in its own `*-model.ts` and registers them here; the
// associations between components are wired here, in one place. The value-moving hot paths do
// not use models: they are the database functions of server/db/functions/.
import type { Sequelize } from 'sequelize';
import { defineAccreditation, type AccreditationModel } from '../centres/accreditation-model.js';
import { defineCentre, type CentreModel } from '../centres/centre-model.js';
import { defineCourse, type CourseModel } from '../centres/course-model.js';
import { defineStaffMember, type StaffMemberModel } from '../centres/staff-model.js';
import { defineCitizen, defineCitizenLogin, type CitizenLoginModel, type CitizenModel } from '../citizens/citizen-model.js';
import { defineRuleSet, type RuleSetModel } from '../eligibility/rule-set-model.js';
import { defineParameterVersion, defineProgramme, type ParameterVersionModel, type ProgrammeModel } from '../programmes/programme-model.js';

/** Every registered model, by name; components add theirs. */
export type Models = {
  Programme: ProgrammeModel;
  ParameterVersion: ParameterVersionModel;
  RuleSet: RuleSetModel;
  Centre: CentreModel;
  Accreditation: AccreditationModel;
  Course: CourseModel;
  StaffMember: StaffMemberModel;
  Citizen: CitizenModel;
  CitizenLogin: CitizenLoginModel;
};

const defined = new WeakMap<Sequelize, Models>();

export function modelsOf(sequelize: Sequelize): Models {
  let models = defined.get(sequelize);
  if (!models) {
    models = {
      Programme: defineProgramme(sequelize),
      ParameterVersion: defineParameterVersion(sequelize),
      RuleSet: defineRuleSet(sequelize),
      Centre: defineCentre(sequelize),
      Accreditation: defineAccreditation(sequelize),
      Course: defineCourse(sequelize),
      StaffMember: defineStaffMember(sequelize),
      Citizen: defineCitizen(sequelize),
      CitizenLogin: defineCitizenLogin(sequelize),
    };
    associate(models);
    defined.set(sequelize, models);
  }
  return models;
}

/** The associations between components' models (belongsTo / hasMany), declared once. */
function associate(models: Models) {
  const byProgramme = { foreignKey: 'programmeCode', sourceKey: 'code' } as const;
  models.Programme.hasMany(models.ParameterVersion, { ...byProgramme, as: 'parameterVersions' });
  models.ParameterVersion.belongsTo(models.Programme, { foreignKey: 'programmeCode', targetKey: 'code', as: 'programme' });
  models.Programme.hasMany(models.RuleSet, { ...byProgramme, as: 'ruleSets' });
  models.RuleSet.belongsTo(models.Programme, { foreignKey: 'programmeCode', targetKey: 'code', as: 'programme' });
  const byCentre = { foreignKey: 'centreId' } as const;
  models.Centre.hasMany(models.Accreditation, { ...byCentre, as: 'accreditations' });
  models.Accreditation.belongsTo(models.Centre, { ...byCentre, as: 'centre' });
  models.Programme.hasMany(models.Accreditation, { ...byProgramme, as: 'accreditations' });
  models.Accreditation.belongsTo(models.Programme, { foreignKey: 'programmeCode', targetKey: 'code', as: 'programme' });
  models.Centre.hasMany(models.Course, { ...byCentre, as: 'courses' });
  models.Course.belongsTo(models.Centre, { ...byCentre, as: 'centre' });
  models.Centre.hasMany(models.StaffMember, { ...byCentre, as: 'staff' });
  models.StaffMember.belongsTo(models.Centre, { ...byCentre, as: 'centre' });
  models.Citizen.belongsTo(models.CitizenLogin, { foreignKey: 'userId', as: 'login' });
}
