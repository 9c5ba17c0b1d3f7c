import type { Session } from './session.ts';
import type { DomainHandlers } from './types.ts';

/** The app itself: version and settings, the examiner's profile, the recent cases. */
export function appHandlers({ deps }: Session): DomainHandlers<'app' | 'profile' | 'settings' | 'recent'> {
  return {
    'app:info': () => ({
      version: deps.version,
      dataDir: deps.appData.dir,
      profile: deps.appData.profile(),
      systemTimeZone: deps.systemTimeZone,
      storeLimitBytes: deps.appData.storeLimit(),
    }),
    'profile:set': (profile) => deps.appData.setProfile(profile),
    'settings:setStoreLimit': ({ bytes }) => deps.appData.setStoreLimit(bytes),
    'recent:list': () => deps.appData.recent(),
    'recent:forget': ({ path }) => {
      deps.appData.forget(path);
      return deps.appData.recent();
    },
  };
}
