/**
 * Every IPC channel, `domain:verb`. Plain data (no zod) so the sandboxed preload and the E2E
 * harness can build `window.api` from it without pulling in the schemas.
 */
export const CHANNELS = [
  'app:info',
  'profile:set',
  'settings:setStoreLimit',
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
  'evidence:list',
  'evidence:get',
  'evidence:add',
  'evidence:addPhysical',
  'evidence:addText',
  'evidence:cancel',
  'evidence:verify',
  'evidence:transfer',
  'evidence:export',
  'evidence:dispose',
  'evidence:link',
  'evidence:unlink',
  'hold:list',
  'hold:place',
  'hold:release',
  'playbook:templates',
  'playbook:start',
  'playbook:runs',
  'playbook:detail',
  'playbook:steps',
  'playbook:step',
  'playbook:decide',
  'playbook:close',
  'playbook:template',
  'playbook:import',
  'playbook:duplicate',
  'playbook:check',
  'playbook:save',
  'playbook:export',
  'access:list',
  'access:add',
  'access:update',
  'access:preview',
  'access:import',
  'subject:list',
  'subject:get',
  'subject:add',
  'subject:update',
  'subject:remove',
  'subject:link',
  'subject:unlink',
  'indicator:list',
  'indicator:check',
  'indicator:add',
  'indicator:update',
  'indicator:remove',
  'indicator:preview',
  'indicator:import',
  'extortion:record',
  'extortion:addMessage',
  'extortion:addDemand',
  'extortion:updateDemand',
  'extortion:addValidation',
  'extortion:decide',
  'extortion:signOff',
  'extortion:remove',
  'clock:list',
  'clock:set',
  'clock:submit',
  'clock:removeSubmission',
  'search:query',
  'overview:get',
  'chart:timeline',
  'report:preview',
  'report:generate',
  'report:regenerate',
  'report:list',
  'report:verify',
  'report:export',
  'report:package',
  'dialog:chooseCaseToOpen',
  'dialog:chooseNewCasePath',
  'dialog:chooseEvidenceFiles',
  'dialog:chooseExportFolder',
  'dialog:chooseSavePath',
  'dialog:chooseReportPath',
  'dialog:chooseReportToVerify',
] as const;

/** Calls that must not wait behind others: they wait on a person, or stop a running call. */
export const UNQUEUED_CHANNELS: readonly Channel[] = [
  'dialog:chooseCaseToOpen',
  'dialog:chooseNewCasePath',
  'dialog:chooseEvidenceFiles',
  'dialog:chooseExportFolder',
  'dialog:chooseSavePath',
  'dialog:chooseReportPath',
  'dialog:chooseReportToVerify',
  'evidence:add',
  'evidence:cancel',
];

export type Channel = (typeof CHANNELS)[number];

/**
 * Files dropped on the window: the preload reads their paths from the dropped File objects and
 * hands them to main on this channel, which accepts them as chosen by the examiner. It is not in
 * CHANNELS: the page has no function that sends a path here, only one that takes dropped Files.
 */
export const DROPPED_FILES_CHANNEL = 'files:dropped';
/** At most this many files are taken from one drop. */
export const MAX_DROPPED_FILES = 500;

/** Main → renderer notifications (menu commands). */
export const MENU_COMMANDS = ['newCase', 'openCase', 'closeCase', 'openRecent', 'verify', 'about'] as const;
export type MenuCommand = { command: (typeof MENU_COMMANDS)[number]; path?: string };
export const MENU_EVENT_CHANNEL = 'menu:command';

/**
 * Progress of long evidence work, main → renderer: adding files (`file` is the path, bytes of that
 * file), or verifying or exporting items (`file` is the exhibit being read, bytes of all items).
 */
export const PROGRESS_EVENT_CHANNEL = 'evidence:progress';
/** `verifyCase`: check 3 of a case verification, which re-hashes every evidence byte. */
/** `report`: a PDF being laid out; `package`: a referral package being written (file: the part). */
export type EvidenceTask = 'add' | 'verify' | 'export' | 'verifyCase' | 'report' | 'package';
export type EvidenceProgressEvent = {
  task: EvidenceTask;
  file: string;
  fileIndex: number;
  fileCount: number;
  bytes: number;
  total: number;
};

export type IpcError = { code: string; message: string };
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** `case:open` → api.case.open — one function per channel, grouped by domain. */
export function apiPath(channel: Channel): [domain: string, verb: string] {
  const [domain, verb] = channel.split(':') as [string, string];
  return [domain, verb];
}
