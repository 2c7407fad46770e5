// What the fake server's route files can reach: its records, its clock and its configuration.

import type { EntityContext } from './entities';
import type {
  FakeApp,
  FakeAuthCode,
  FakeLimits,
  FakeMedia,
  FakeNotification,
  FakeScheduled,
  FakeStatus,
  FakeToken,
  FakeTrendLink,
  FakeTrendTag,
  FakeUser,
} from './state';

export interface FakeSettings {
  readonly software: { readonly name: string; readonly version: string };
  readonly title: string;
  readonly limits: FakeLimits;
  /** Advertise PKCE (S256) in /.well-known/oauth-authorization-server and verify code_verifier. */
  readonly pkce: boolean;
  /** Answer /api/v2/instance; older servers only have v1. */
  readonly instanceV2: boolean;
  readonly nodeInfo: boolean;
  /** Behave like a server that does not implement scheduled posts: publish at once and return a Status. */
  readonly ignoresScheduledAt: boolean;
  /** Show an authorization form on GET /oauth/authorize instead of approving at once as the signed-in user. */
  readonly authorizeForm: boolean;
  /** How many polls a video upload answers 206 before it is ready. */
  readonly videoProcessingPolls: number;
  readonly scheduledTotalLimit: number;
  readonly scheduledDailyLimit: number;
  /** Requests per rate-limit window and token. */
  readonly rateLimit: number;
  readonly rateLimitWindowMs: number;
}

export interface IdempotencyRecord {
  readonly kind: 'status' | 'scheduled';
  readonly id: string;
  readonly at: number;
}

export interface FakeCore extends EntityContext {
  now(): number;
  readonly settings: FakeSettings;
  readonly users: Map<string, FakeUser>;
  readonly apps: Map<string, FakeApp>;
  readonly tokens: Map<string, FakeToken>;
  readonly codes: Map<string, FakeAuthCode>;
  readonly statuses: FakeStatus[];
  readonly mediaById: Map<string, FakeMedia>;
  readonly scheduled: Map<string, FakeScheduled>;
  readonly notifications: FakeNotification[];
  readonly idempotency: Map<string, IdempotencyRecord>;
  readonly trendTags: FakeTrendTag[];
  readonly trendLinks: FakeTrendLink[];
  readonly trendStatusIds: string[];
  signedInUserId: string | null;
  denyNextAuthorization: boolean;
  nextScheduledId(): string;
  randomSecret(): string;
  /** Publishes due scheduled statuses, as the server's background jobs would. */
  runDueScheduled(): void;
}
