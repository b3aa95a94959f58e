// The oversight component as the others (the portal's admin pages) see it: who a programme
// reaches and what each centre delivers, read only, for administrators and auditors.
export { programmeReach, type ReachReport, type ReachRow } from './reach-service.js';
export { centreMonitoring, type CentreMonitoring, type MonitoringQuery } from './monitoring-service.js';
export { REACH_DIMENSIONS, type ReachDimension } from './reach-dimensions.js';
export { REACH_MINIMUM, type ShownCount } from './reach-suppression.js';
export { checkPeriod, MAX_PERIOD_DAYS, type Period } from './period.js';
