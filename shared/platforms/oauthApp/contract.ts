// The fields of a browser sign-in with the user's own developer app, shared by the networks reached that way
// (LinkedIn, X). Their replies are in responses.ts.

import { z } from 'zod';

export const Port = z.number().int().min(0, 'Type a port between 1024 and 65535.').max(65535, 'Type a port between 1024 and 65535.');
export const ClientId = z.string().trim().min(1, "Paste your app's client id.").max(200);
export const OptionalName = z.string().trim().min(1, 'Give the account a name.').max(80).optional();
/** Another origin serving the network's sign-in and API: a proxy, or a test server on this computer. */
export const Server = z.string().trim().url('Type a full address, e.g. https://api.example.org.').optional();
