// The assisted digital component as the others see it: an administrator acting for a citizen at
// the counter (assisted-service.ts).
export { CONSENTS, type Consent } from './assisted-session-store.js';
export {
  assistingIn,
  endAssistedSession,
  recordAssistedRequest,
  startAssistedSession,
  type AssistedStart,
  type Assisting,
} from './assisted-service.js';
