// Which addresses are this computer: the only places a network's API may be reached over plain http.

/** 127.0.0.0/8, ::1 and localhost, as URL.hostname spells them (IPv6 in brackets, IPv4 already normalised). */
export function isLoopbackHostname(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host === '[::1]' || host === '::1') return true;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return v4 !== null && v4[1] === '127' && v4.slice(2).every((octet) => Number(octet) <= 255);
}

/** https anywhere; http only to this computer (a development server), where nothing crosses a network. */
export function isEncryptedOrLoopback(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHostname(url.hostname));
}
