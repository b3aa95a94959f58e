// Who is calling. Built from a verified token's claims, never from the request body.
export const ROLES = ['citizen', 'centre', 'admin', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export type Principal = {
  userId: string;
  role: Role;
  email: string;
  /** Set for role `centre`: the one centre this staff member acts for. */
  centreId: string | null;
  /** Set for role `citizen`. */
  citizenId: string | null;
  /**
   * Set when an administrator acts for this citizen at the counter (assisted digital): who acts,
   * in which session. What is done is audited as theirs, on behalf of the citizen.
   */
  assistedBy?: { userId: string; email: string; sessionId: string };
};

export const STAFF_READERS: readonly Role[] = ['admin', 'auditor'];
