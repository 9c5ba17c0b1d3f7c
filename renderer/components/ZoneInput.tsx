import { useMemo } from 'react';

const COMMON = [
  'UTC',
  'Asia/Seoul',
  'Asia/Pyongyang',
  'Asia/Shanghai',
  'Asia/Dubai',
  'Europe/London',
  'Europe/Berlin',
  'Europe/Warsaw',
  'America/New_York',
  'America/Chicago',
  'America/Los_Angeles',
];

/** A text input with the IANA zone names as suggestions; offsets like +09:00 are accepted too. */
export function ZoneInput(props: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
}) {
  const zones = useMemo(() => {
    const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    return [...new Set([...COMMON, ...all])];
  }, []);
  const listId = `${props.id}-zones`;
  return (
    <>
      <input
        id={props.id}
        type="text"
        list={listId}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        autoComplete="off"
        spellCheck={false}
        aria-describedby={props['aria-describedby']}
        aria-invalid={props['aria-invalid']}
      />
      <datalist id={listId}>
        {zones.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
    </>
  );
}
