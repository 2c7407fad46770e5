// Channels for the bluesky feature.

export const blueskyRequests = {} as const;

export type BlueskyResponses = Record<never, never>;
