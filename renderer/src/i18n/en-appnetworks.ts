// English strings for LinkedIn and X: connect forms with the user's own app, X prices and spending cap, expiring logins.

export const appNetworksEn = {
  appNetworks: {
    clientId: 'Client ID',
    clientSecret: 'Client secret',
    port: 'Redirect port',
    portHint: (url: string) => `Add this exact redirect URL to your app: ${url}`,
    server: 'API address (advanced)',
    serverHint: 'Leave empty for the real network. Only for a proxy or a test server.',
    signIn: 'Sign in with the browser',
    signInAgain: 'Sign in again',
    waiting: (network: string) => `Waiting for you to approve Kairos on ${network} in the browser…`,
    openAgain: 'Open the sign-in page again',
    cancel: 'Cancel sign-in',
    stopped: 'The sign-in stopped. Start it again.',
    linkedin: {
      label: 'Connect LinkedIn',
      hint: 'Posts as you, with your own LinkedIn app: create one at the LinkedIn Developer Portal, add the products "Share on LinkedIn" and "Sign In with LinkedIn using OpenID Connect", then copy its client ID and primary client secret from the Auth tab. LinkedIn logins last 60 days; Kairos warns two weeks before.',
      namePlaceholder: 'e.g. Founder on LinkedIn',
    },
    x: {
      label: 'Connect X',
      hint: 'Posts with your own X app: in the X Developer Console create an app with OAuth 2.0, type "Native App" (a public client, no secret), "Read and write" permissions, then copy its OAuth 2.0 Client ID. X charges per post: Kairos shows the cost and keeps to your monthly cap.',
      namePlaceholder: 'e.g. Brand on X',
    },
    pricing: {
      title: 'Prices and monthly cap',
      post: 'Price per post (USD)',
      linkPost: 'Price per post with a link (USD)',
      cap: 'Monthly cap (USD, empty for none)',
      hint: 'X bills per post. Check the current prices in the X Developer Console (Usage, Pricing) or on X’s API pricing page, and update them here. A post that would pass the cap waits in Attention.',
      save: 'Save prices',
      saved: 'Prices saved.',
      spent: (spent: string, cap: string | null, month: string) =>
        cap ? `Spent on posts in ${month}: ${spent} of ${cap}` : `Spent on posts in ${month}: ${spent} (no cap)`,
      invalid: 'Type amounts in dollars, e.g. 0.015.',
    },
    cost: {
      title: 'Cost on X',
      line: (account: string, cost: string, posts: number, withLink: number) =>
        `${account}: this post costs ${cost} (${posts === 1 ? '1 post' : `${posts} posts`}${withLink > 0 ? `, ${withLink} with a link` : ''}).`,
      spend: (spent: string, cap: string | null) => (cap ? `${spent} of ${cap} spent this month.` : `${spent} spent this month, no cap.`),
      overCap: (account: string) =>
        `Over ${account}'s monthly cap: it will wait in Attention until you raise the cap or move it to next month.`,
    },
    expiring: {
      title: 'Logins about to run out',
      line: (name: string, network: string, when: string) =>
        `${name} (${network}): the login runs out on ${when}. Sign in again to keep publishing.`,
      expired: (name: string, network: string) => `${name} (${network}): the login has run out. Sign in again; its posts wait.`,
    },
  },
};
