// Enhancement only: every page works without it. Starts govuk-frontend's components (menu
// toggle, password reveal, error summary focus) on browsers that support ES modules.
import { initAll } from '/assets/govuk-frontend.min.js';

initAll();
