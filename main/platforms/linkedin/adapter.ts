// LinkedIn, posting as a member through the user's own developer app: sign-in (oauth in service.ts), rules, publish.

import { DEFAULT_RULES } from '../../../shared/platforms/rules';
import type { Clock } from '../../core/clock';
import { systemClock } from '../../core/clock';
import type { PlatformAdapter } from '../../core/platforms/types';
import { PlatformError } from '../../core/platforms/types';
import type { LinkedInSecret } from './config';
import { publishToLinkedIn } from './publish';
import { validateForLinkedIn } from './validate';

export function createLinkedInAdapter(clock: Clock = systemClock): PlatformAdapter<unknown, LinkedInSecret> {
  return {
    id: 'linkedin',
    displayName: 'LinkedIn',
    // A member may make 150 requests a day; a post with images takes several.
    publishBudget: { perAccount: { burst: 5, refillMs: 10 * 60_000 }, perPlatform: null },
    // The member tier offers no reading.
    conversationBudget: { capacity: 0, windowMs: 5 * 60_000 },
    probeOrigin: 'https://api.linkedin.com',
    // LinkedIn rejects an exact repeat.
    repeatPolicy: 'refuses',

    async connect() {
      throw new PlatformError(
        'invalid',
        'Connect LinkedIn with the browser sign-in: Accounts → LinkedIn, or "kairos accounts add linkedin".',
      );
    },

    lengthRule: () => DEFAULT_RULES.linkedin,
    validate: (draft) => validateForLinkedIn(draft),
    publish: (req, ctx) => publishToLinkedIn(req, ctx, () => clock.now()),
    // No idempotency key, and "Share on LinkedIn" cannot read the member's posts back (that needs
    // r_member_social, granted to partners only): an unknown outcome stays unconfirmed for the user to check.
    idempotentRetry: false,
  };
}
