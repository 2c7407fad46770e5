// Strings of the Workspace section in Settings and the workspace banner; merged into the one English dictionary in en.ts.

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

export const workspaceEn = {
  workspace: {
    title: 'Workspace',
    intro:
      'Connect this computer to your team’s Kairos workspace: the calendar, the composer and quick post then work on the workspace’s posts. Without one, Kairos keeps everything on this computer.',
    url: 'Workspace address',
    urlHint: 'As it opens in a browser, such as https://kairos.example.org.',
    email: 'Email',
    password: 'Password',
    connect: 'Sign in',
    connecting: 'Signing in…',
    disconnect: 'Sign out and use this computer’s data',
    disconnecting: 'Signing out…',
    confirmDisconnect: (pending: number) =>
      `${plural(pending, 'change made offline has', 'changes made offline have')} not reached the workspace yet and will be lost. Sign out anyway?`,
    signedInAs: (name: string, email: string, role: string) => `Signed in as ${name} (${email}), ${role}.`,
    signedOutAs: (email: string) => `The session of ${email} has ended: sign in again to go on.`,
    address: 'Address',
    online: 'Reachable',
    offline: 'Not reachable: changes to posts are kept on this computer',
    connection: 'Connection',
    waiting: (n: number) => (n === 0 ? 'Nothing waiting' : `${plural(n, 'change', 'changes')} waiting to be sent`),
    waitingLabel: 'Waiting',
    notesTitle: 'What happened to changes made offline',
    required: {
      url: 'Type the workspace address.',
      email: 'Type your email address.',
      password: 'Type your password.',
    },
    urlLooksWrong: 'Type the address as it opens in a browser, such as https://kairos.example.org (no path after it).',
    banner: {
      offlineTitle: (n: number) =>
        n === 0
          ? 'The workspace is not reachable'
          : `The workspace is not reachable: ${plural(n, 'change', 'changes')} kept on this computer`,
      offlineBody: 'They are sent, in order, as soon as it is. What you open meanwhile cannot be shown.',
      signedOutTitle: 'Your workspace session has ended',
      signedOutBody: (n: number) =>
        n === 0
          ? 'Sign in again in Settings → Workspace.'
          : `Sign in again in Settings → Workspace; ${plural(n, 'change waits', 'changes wait')} until then.`,
      notesTitle: 'Changes made offline met changes by others',
    },
  },
};
