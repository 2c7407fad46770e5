// The fake Mastodon server for tests and end-to-end runs.

export { type FaultRoute, MastodonFake, type MastodonFakeOptions, type MastodonFault } from './server';
export type { FakeLimits, FakeMedia, FakeScheduled, FakeStatus, FakeUser } from './state';
