import { TLP_LEVELS } from '../../shared/domain/case.ts';
import type { Tlp } from '../../shared/domain/case.ts';
import { ChoiceSelect } from './ChoiceSelect.tsx';
import type { ChoiceSelectProps } from './ChoiceSelect.tsx';

const tlpLabel = (tlp: Tlp) => `TLP:${tlp}`;

/** The TLP levels as "TLP:AMBER"…: the marking every record of the case can carry, picked alike everywhere. */
export function TlpSelect(props: Omit<ChoiceSelectProps<Tlp>, 'choices' | 'labels'>) {
  return <ChoiceSelect {...props} choices={TLP_LEVELS} labels={tlpLabel} />;
}
