// The dashboards component as the others use it: a programme's dashboard (budget over time, claims
// per day, places, alerts, the drop-off from claim to use to close), its period, and its endpoint.
// It only reads: nothing here moves value.
export { dashboardRoutes } from './dashboard-routes.js';
export { programmeDashboard, type ProgrammeDashboard } from './dashboard-service.js';
export { INTERVALS, MAX_PERIOD_DAYS, periodOf, stepsOf, type Interval, type Period, type PeriodProblem } from './dashboard-period.js';
