import { bidiParts, hasBidi } from '../../shared/logic/text.ts';

/**
 * Text from a case, shown so that it cannot pass for something else: each bidirectional control
 * (which would reorder what follows it, making "invoice‮txt.exe" look like a text file) is shown as
 * a visible mark naming it, and the text around it keeps its order.
 */
export function SafeText({ text }: { text: string }) {
  if (!hasBidi(text)) return <>{text}</>;
  return (
    <span className="safe-text">
      {bidiParts(text).map((part, i) =>
        typeof part === 'string' ? (
          <span key={i}>{part}</span>
        ) : (
          <mark
            key={i}
            className="bidi-mark"
            title={`Hidden direction control ${part.code} (${part.name}): it would reorder the text after it`}
          >
            {part.name}
          </mark>
        ),
      )}
    </span>
  );
}
