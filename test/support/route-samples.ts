// Made-up but well-formed path parameters, so a request generated from the route table passes
// the route's shape checks and reaches what a test means to probe (roles, centre scope).
export const SAMPLE_ID = '00000000-0000-4000-8000-000000000000';

/** The declared path with each parameter filled in; `overrides` names values for some of them. */
export function samplePath(path: string, overrides: Record<string, string> = {}): string {
  return path
    .replace(/:(\w+)/g, (whole, name: string) => overrides[name] ?? whole)
    .replace('/vouchers/:code', '/vouchers/LBC-0000000000')
    .replace(':code', 'LBC')
    .replace(':reference', 'ITA-0000000000')
    .replace(/:\w+/g, SAMPLE_ID);
}
