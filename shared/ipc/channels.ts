/**
 * Every IPC channel, `domain:verb`. Plain data (no zod) so the sandboxed preload and the E2E
 * harness can build `window.api` from it without pulling in the schemas.
 */
export const CHANNELS = [
  'app:info',
  'profile:set',
  'recent:list',
  'recent:forget',
  'case:create',
  'case:open',
  'case:close',
  'case:current',
  'case:update',
  'timeline:list',
  'timeline:add',
  'timeline:update',
  'timeline:remove',
  'notes:list',
  'notes:add',
  'notes:update',
  'notes:remove',
  'audit:list',
  'audit:verify',
  'dialog:chooseCaseToOpen',
  'dialog:chooseNewCasePath',
] as const;

export type Channel = (typeof CHANNELS)[number];

/** Main → renderer notifications (menu commands). */
export const MENU_COMMANDS = ['newCase', 'openCase', 'closeCase', 'openRecent', 'verify', 'about'] as const;
export type MenuCommand = { command: (typeof MENU_COMMANDS)[number]; path?: string };
export const MENU_EVENT_CHANNEL = 'menu:command';

export type IpcError = { code: string; message: string };
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** `case:open` → api.case.open — one function per channel, grouped by domain. */
export function apiPath(channel: Channel): [domain: string, verb: string] {
  const [domain, verb] = channel.split(':') as [string, string];
  return [domain, verb];
}
