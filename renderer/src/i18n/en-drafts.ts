// English strings of the Drafts & ideas board; merged into the one English dictionary in en.ts.

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

export const draftsBoardEn = {
  draftsBoard: {
    title: 'Drafts & ideas',
    intro: 'Everything without a time yet. Open a card to finish it, or drag it onto a day to schedule it.',
    newDraft: 'New draft',
    search: 'Search drafts',
    searchPlaceholder: 'Search text and labels',
    labelsFilter: 'Show labels',
    clearFilters: 'Clear search and labels',
    showing: (shown: number, total: number) =>
      shown === total ? plural(total, 'draft', 'drafts') : `${shown.toLocaleString('en')} of ${plural(total, 'draft', 'drafts')}`,
    noMatch: 'No drafts match',
    noMatchHint: 'Try other words, or clear the search and labels.',
    labelsOf: (labels: string) => `Labels: ${labels}`,
    images: (n: number) => plural(n, 'image', 'images'),
    parts: (n: number) => `Thread of ${n.toLocaleString('en')}`,
    schedule: 'Schedule…',
    scheduleTitle: 'Schedule draft',
    scheduleAction: 'Schedule',
    needsAccounts: 'This draft has no accounts yet. Open it, pick where it goes, then schedule it.',
    openInComposer: 'Open in the composer',
    dropTitle: 'Drop on a day',
    dropHint: 'Drag a card onto a day: it is scheduled at 9:00 AM (or the next quarter hour today) and you can Undo.',
    dropDay: (day: string, count: number) => (count === 0 ? day : `${day}, ${plural(count, 'post', 'posts')} already`),
    dropping: (when: string) => `Schedule for ${when}`,
    zone: (zone: string) => `Times in ${zone}`,
  },
};
