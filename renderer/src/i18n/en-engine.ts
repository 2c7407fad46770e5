// English strings of the publishing engine's UI: the crisis brake, its banners, the review after a pause and the Attention list.

import type { HistoryEntry } from '../../../shared/domain';

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

export const engineEn = {
  engine: {
    pauseAll: 'Pause all publishing',
    resume: 'Resume publishing',
    /** The banner's title; `until` is null when only a person ends the pause. */
    pausedTitle: (reason: string, until: string | null) =>
      `Publishing paused: ${reason} — ${until ? `until ${until}` : 'until you resume it'}`,
    pausedDetail:
      'Nothing goes out while paused: posts that come due are held for you. When you resume, you decide for each one. Publish now still sends a post you choose.',
    pausedBy: (when: string, by: HistoryEntry['actor']) =>
      `Paused ${when} ${{ user: 'in Kairos', cli: 'from the command line', system: 'by Kairos', scheduler: 'by the scheduler' }[by]}.`,
    accountPausedTitle: (account: string, reason: string, until: string | null) =>
      `${account} paused: ${reason} — ${until ? `until ${until}` : 'until you resume it'}`,
    accountPausedDetail: 'Posts to this account are held when they come due; the other accounts publish as usual.',
    resumeAccount: (account: string) => `Resume ${account}`,
    heldByPause: (n: number) => `${plural(n, 'post', 'posts')} came due during a pause and ${n === 1 ? 'waits' : 'wait'} for your decision`,
    heldByPauseDetail: 'None of them goes out until you decide: publish now, a new time, or discard.',
    review: 'Review',
    resumed: 'Publishing resumed. What came due during the pause waits for your decision.',
    resumedNothing: 'Publishing resumed. Nothing came due during the pause.',

    pauseDialog: {
      title: 'Pause all publishing',
      titleAccount: (account: string) => `Pause publishing to ${account}`,
      intro:
        'Posts that come due while paused are held, not sent. When you resume, Kairos lists them and you decide for each one: publish now, a new time, or discard.',
      reason: 'Reason',
      reasonHint: 'Everyone using Kairos sees it in the banner, in every window and on the command line.',
      reasonMissing: 'Say why publishing is paused; everyone using Kairos will see it.',
      autoResume: 'Resume by itself at a set time',
      resumeDate: 'Resume date',
      resumeTime: 'Resume time',
      zoneNote: (zone: string) => `Times in ${zone}.`,
      resumeMissing: 'Pick the date and time to resume, or untick “Resume by itself”.',
      resumePast: 'That time has already passed. Pick a later time, or untick “Resume by itself”.',
      confirm: 'Pause publishing',
      confirmAccount: 'Pause this account',
      paused: 'Publishing is paused. Posts that come due are held until you decide.',
      pausedAccount: (account: string) => `Publishing to ${account} is paused.`,
      pulledBack: (n: number) => `${plural(n, 'post was', 'posts were')} taken back from the network’s own scheduler.`,
    },

    reviewDialog: {
      title: 'Came due during the pause',
      intro: 'Nothing here goes out until you decide, one post at a time.',
      empty: 'Everything that came due during the pause is settled.',
      listLabel: 'Posts that came due during the pause',
    },

    attentionDialog: {
      title: 'Needs attention',
      open: 'Attention',
      badge: (n: number) => `${plural(n, 'post needs', 'posts need')} attention`,
      empty: 'Nothing needs you right now.',
      emptyHint: 'Failed, unconfirmed, missed and held posts appear here, with what settles each one.',
      groups: {
        failed: 'Failed',
        unconfirmed: 'Outcome unknown',
        missed: 'Missed',
        held: 'Held',
      },
      accountsNeedLogin: (n: number) =>
        `${plural(n, 'account needs', 'accounts need')} you to sign in again before ${n === 1 ? 'it' : 'they'} can publish.`,
      openAccounts: 'Open Accounts',
      settle: 'What to do',
      hideActions: 'Hide',
      loadingPost: 'Loading the post…',
    },

    item: {
      wasDue: (when: string) => `Was due ${when}`,
      noTime: 'No time',
      holdKinds: {
        pause: 'Publishing was paused',
        account_pause: 'The account was paused',
        preflight: 'Held by the pre-flight check',
        user: 'Held by you',
      } as Readonly<Record<string, string>>,
      publishNow: 'Publish now',
      reschedule: 'Reschedule…',
      discard: 'Discard',
      itWentOut: 'It went out',
      sending: 'Sending now.',
      discarded: 'Discarded. It will not go out.',
      markedPublished: 'Marked as published.',
      rescheduled: (when: string) => `Moved to ${when}.`,
    },

    reschedule: {
      legend: (excerpt: string) => `New time for “${excerpt}”`,
      date: 'New date',
      time: 'New time',
      save: 'Move it here',
      missing: 'Pick a date and a time.',
      past: 'That time has already passed. Pick a time from now on.',
    },

    accountPause: {
      pause: (account: string) => `Pause publishing to ${account}`,
      pauseShort: 'Pause publishing',
      resume: (account: string) => `Resume publishing to ${account}`,
      resumeShort: 'Resume publishing',
      paused: (reason: string) => `Publishing paused: ${reason}`,
    },

    /** The engine's own history entries, added to the general ones; anything unknown shows as the backend wrote it. */
    historyKinds: {
      'publishing paused': 'Publishing paused',
      'publishing resumed': 'Publishing resumed',
      'pause changed': 'Pause changed',
      'account paused': 'Account paused',
      'account resumed': 'Account resumed',
      'pre-flight check: held': 'Held by the pre-flight check',
      'pre-flight check: clear': 'Pre-flight check: all clear',
      'pre-flight check: skipped': 'Pre-flight check skipped',
      'pre-flight decision': 'Pre-flight decision',
      'handed off': 'Handed to the server’s scheduler',
      'hand-off moved': 'Moved on the server’s scheduler',
      'taken back': 'Taken back from the server’s scheduler',
      'kept for local publishing': 'Kept for Kairos to publish',
      'published early': 'Published early',
      'recurring series created': 'Recurring post created',
      'recurring series changed': 'Recurring post changed',
      'recurring series stopped': 'Recurring post stopped',
    } as Readonly<Record<string, string>>,
  },
};
