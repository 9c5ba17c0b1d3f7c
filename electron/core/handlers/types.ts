import type { ParsedReq, Res } from '../../../shared/ipc/contract.ts';
import type { Channel } from '../../../shared/ipc/channels.ts';

export type Handler<C extends Channel> = (req: ParsedReq<C>) => Promise<Res<C>> | Res<C>;
export type HandlerTable = { [C in Channel]: Handler<C> };

/** The handlers of one domain (`timeline` → every `timeline:*` channel), as its own file provides them. */
export type DomainHandlers<D extends string> = {
  [C in Channel as C extends `${D}:${string}` ? C : never]: Handler<C>;
};
