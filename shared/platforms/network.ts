// What a network brings to the contract: its id, the form that connects an account (when it has one), its own
// channels' request schemas and where its numbers come from. Each network's contract.ts declares one; index.ts lists them.
// These files hold values only (zod and shared/contract/common.ts): the ids are read by every type of the contract,
// so a network's reply types, which name accounts and signals, live in its responses.ts.

import { z } from 'zod';

/** The account's name in Kairos, asked by every connect form. */
export const AccountName = z.string().trim().min(1, 'Give the account a name.').max(80);

export interface NetworkDefinition {
  readonly id: string;
  /**
   * The `accounts.connect` input for this network, `platform` being its id; absent for a network connected through
   * its own channels (a browser sign-in).
   */
  readonly connect?: z.ZodObject<{ platform: z.ZodLiteral<string> }>;
  /** The network's own channels (`<id>.<name>`), request schemas by channel. */
  readonly requests: Readonly<Record<string, z.ZodType>>;
  /** Where the numbers of its posts come from, stored with every snapshot; 'none' for a network that reports none. */
  readonly metricSource: string;
}
