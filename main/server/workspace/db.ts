// What the review workflow's modules share: a transaction helper, and the person acting (a signed-in user or a
// reviewer who came through a review link).

import type { Role } from '../auth/permissions';

export { inTransaction, type Queryable } from '../pg/transaction';

/** A signed-in member of the workspace (auth.ts's User). */
export interface Member {
  readonly id: string;
  readonly displayName: string;
  readonly role: Role;
}
