// The paths the portal leaves alone: the API under /v1 and the operations endpoints. The portal
// never answers them, not even with its 404, so the API's own problem+json answers stay.
import { OPERATIONS_ENDPOINTS } from '../operations/operations-routes.js';

const API_PATHS = new Set(OPERATIONS_ENDPOINTS.map((endpoint) => endpoint.path));

export const isApiPath = (path: string) => path === '/v1' || path.startsWith('/v1/') || API_PATHS.has(path);
