// Channels for connecting and managing the accounts posts go to.

import { z } from 'zod';
import type { AccountView } from '../domain';
import type { LengthRule } from '../platforms/rules';
import { Id } from './common';

/** Connection input per platform; each platform adds its own variant. */
export const ConnectSchema = z.discriminatedUnion('platform', [
  z.object({
    platform: z.literal('discord'),
    name: z.string().trim().min(1, 'Give the account a name.').max(80),
    webhookUrl: z.string().trim().min(1, 'Paste the webhook URL.'),
  }),
]);
export type ConnectInput = z.infer<typeof ConnectSchema>;

export const accountsRequests = {
  'accounts.list': z.object({}).optional(),
  'accounts.connect': ConnectSchema,
  'accounts.remove': z.object({ id: Id }),
  'accounts.rename': z.object({ id: Id, name: z.string().trim().min(1).max(80) }),
} as const;

export interface AccountWithRule extends AccountView {
  readonly lengthRule: LengthRule;
}

export interface AccountsResponses {
  'accounts.list': readonly AccountWithRule[];
  'accounts.connect': AccountWithRule;
  'accounts.remove': { readonly id: string };
  'accounts.rename': AccountWithRule;
}
