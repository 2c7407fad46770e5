// Discord in the contract: the connect form, a channel's webhook URL. Discord has no channels of its own.

import { z } from 'zod';
import { AccountName, type NetworkDefinition } from '../network';

export const discordNetwork = {
  id: 'discord',
  connect: z.object({
    platform: z.literal('discord'),
    name: AccountName,
    webhookUrl: z.string().trim().min(1, 'Paste the webhook URL.'),
  }),
  requests: {},
  metricSource: 'none',
} as const satisfies NetworkDefinition;
