// Channels for the engine feature.

export const engineRequests = {} as const;

export type EngineResponses = Record<never, never>;
