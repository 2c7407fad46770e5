// The shape of a handler: a parsed request in, a response (or a thrown KairosError) out.

import type { Channel, ParsedRequestOf, ResponseOf } from '../../../shared/contract';

export type Handler<C extends Channel> = (request: ParsedRequestOf<C>) => ResponseOf<C> | Promise<ResponseOf<C>>;
export type HandlerMap<C extends Channel> = { readonly [K in C]: Handler<K> };
