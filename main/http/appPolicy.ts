// The content security policy of the app's page wherever a server hands it to a browser: browser mode and the
// workspace server. Only the page's own scripts, requests only to the server that served it, never framed.

export const APP_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
