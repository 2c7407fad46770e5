// Channels for the mastodon feature.

export const mastodonRequests = {} as const;

export type MastodonResponses = Record<never, never>;
