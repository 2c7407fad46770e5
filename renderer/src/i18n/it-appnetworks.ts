// Italian strings for LinkedIn and X, in the same shape as the English ones.

import type { appNetworksEn } from './en-appnetworks';

export const appNetworksIt: typeof appNetworksEn = {
  appNetworks: {
    clientId: 'Client ID',
    clientSecret: 'Client secret',
    port: 'Porta di ritorno',
    portHint: (url) => `Aggiungi esattamente questo URL di reindirizzamento alla tua app: ${url}`,
    server: 'Indirizzo API (avanzato)',
    serverHint: 'Lascia vuoto per la rete vera. Solo per un proxy o un server di prova.',
    signIn: 'Accedi con il browser',
    signInAgain: 'Accedi di nuovo',
    waiting: (network) => `In attesa che tu approvi Kairos su ${network} nel browser…`,
    openAgain: 'Riapri la pagina di accesso',
    cancel: 'Annulla l’accesso',
    stopped: 'L’accesso si è interrotto. Ricomincia.',
    linkedin: {
      label: 'Collega LinkedIn',
      hint: 'Pubblica a tuo nome con la tua app LinkedIn: creala nel LinkedIn Developer Portal, aggiungi i prodotti "Share on LinkedIn" e "Sign In with LinkedIn using OpenID Connect", poi copia client ID e client secret primario dalla scheda Auth. Gli accessi a LinkedIn durano 60 giorni; Kairos avvisa due settimane prima.',
      namePlaceholder: 'es. Fondatrice su LinkedIn',
    },
    x: {
      label: 'Collega X',
      hint: 'Pubblica con la tua app X: nella X Developer Console crea un’app con OAuth 2.0, tipo "Native App" (client pubblico, senza secret), permessi "Read and write", poi copia il suo OAuth 2.0 Client ID. X fa pagare ogni post: Kairos mostra il costo e rispetta il tuo tetto mensile.',
      namePlaceholder: 'es. Marchio su X',
    },
    pricing: {
      title: 'Prezzi e tetto mensile',
      post: 'Prezzo per post (USD)',
      linkPost: 'Prezzo per post con link (USD)',
      cap: 'Tetto mensile (USD, vuoto per nessuno)',
      hint: 'X addebita ogni post. Controlla i prezzi attuali nella X Developer Console (Usage, Pricing) o nella pagina dei prezzi delle API di X, e aggiornali qui. Un post che supererebbe il tetto aspetta in Attenzione.',
      save: 'Salva i prezzi',
      saved: 'Prezzi salvati.',
      spent: (spent, cap, month) =>
        cap ? `Speso in post a ${month}: ${spent} su ${cap}` : `Speso in post a ${month}: ${spent} (nessun tetto)`,
      invalid: 'Scrivi gli importi in dollari, es. 0.015.',
    },
    cost: {
      title: 'Costo su X',
      line: (account, cost, posts, withLink) =>
        `${account}: questo post costa ${cost} (${posts === 1 ? '1 post' : `${posts} post`}${withLink > 0 ? `, ${withLink} con link` : ''}).`,
      spend: (spent, cap) => (cap ? `${spent} su ${cap} spesi questo mese.` : `${spent} spesi questo mese, nessun tetto.`),
      overCap: (account) =>
        `Oltre il tetto mensile di ${account}: aspetterà in Attenzione finché non alzi il tetto o lo sposti al mese prossimo.`,
    },
    expiring: {
      title: 'Accessi in scadenza',
      line: (name, network, when) => `${name} (${network}): l’accesso scade il ${when}. Accedi di nuovo per continuare a pubblicare.`,
      expired: (name, network) => `${name} (${network}): l’accesso è scaduto. Accedi di nuovo; i suoi post aspettano.`,
    },
  },
};
