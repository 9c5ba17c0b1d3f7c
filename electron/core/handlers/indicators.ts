import {
  addIndicator,
  checkIndicator,
  editIndicator,
  importIndicatorList,
  listIndicatorRows,
  previewIndicatorList,
  removeIndicator,
} from '../services/indicators.ts';
import type { Session } from './session.ts';
import type { DomainHandlers } from './types.ts';

export function indicatorHandlers(session: Session): DomainHandlers<'indicator'> {
  /**
   * Seen times typed without an offset are read in the examiner's zone when the profile names one;
   * otherwise they need an offset or a zone, as on the timeline.
   */
  const defaultZone = () => session.deps.appData.profile()?.timeZone || undefined;
  return {
    'indicator:list': () => listIndicatorRows(session.openCase()),
    // A value can be checked with no case open; then nothing is "already in the case".
    'indicator:check': ({ type, value, platform }) => checkIndicator(session.currentCase(), type, value, platform),
    'indicator:add': (draft) => addIndicator(session.openCase(), session.ctx(), draft, defaultZone()),
    'indicator:update': ({ id, patch }) => editIndicator(session.openCase(), session.ctx(), id, patch, defaultZone()),
    'indicator:remove': ({ id }) => {
      removeIndicator(session.openCase(), session.ctx(), id);
      return null;
    },
    'indicator:preview': (request) => previewIndicatorList(session.openCase(), request, defaultZone()),
    'indicator:import': (request) =>
      importIndicatorList(session.openCase(), session.ctx(), request, { partial: false, defaultZone: defaultZone() })
        .result,
  };
}
