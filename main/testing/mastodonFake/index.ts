// The fake Mastodon server for tests and end-to-end runs.

export type { FakeLimits, FakeMedia, FakeScheduled, FakeStatus, FakeUser } from './state';
export { type FaultRoute, type MastodonFakeOptions, type MastodonFault, MastodonFake } from './server';
