// Channels for the conversation feature.

export const conversationRequests = {} as const;

export type ConversationResponses = Record<never, never>;
