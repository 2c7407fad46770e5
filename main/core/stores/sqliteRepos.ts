// The synchronous repositories the SQLite stores answer from. Only store implementations (sqlite.ts and a feature's
// StoreExtension builder) see them: a write of theirs made inside another repository's transaction joins it.

import type { AccountsRepo } from '../repos/accounts';
import type { CredentialProblemsRepo } from '../repos/credentialProblems';
import type { EventLog } from '../repos/events';
import type { MediaRepo } from '../repos/media';
import type { PostsRepo } from '../repos/posts';

export interface SqliteRepos {
  readonly accounts: AccountsRepo;
  readonly posts: PostsRepo;
  readonly events: EventLog;
  readonly media: MediaRepo;
  readonly credentialProblems: CredentialProblemsRepo;
}
