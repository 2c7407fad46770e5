// The offline banner's words, in English; kept beside the feature so they can move into the app dictionary in one step.

export const offlineStrings = {
  title: (waiting: number) => `Offline: ${waiting} ${waiting === 1 ? 'post' : 'posts'} waiting`,
  titleNothingWaiting: 'Offline',
  body: 'Writing, editing and scheduling keep working. Posts due now go out as soon as the network is back.',
};
