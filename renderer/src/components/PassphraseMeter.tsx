import type { PassphraseStrength } from '../../../shared/passphrase-strength.ts';

/** A meter of the estimated strength, with the estimator's first suggestion in plain words. */
export function PassphraseMeter({ strength }: { strength: PassphraseStrength | null }) {
  const score = strength?.score ?? 0;
  return (
    <div className="meter-block">
      <meter
        className="strength-meter"
        min={0}
        max={4}
        low={2}
        high={3}
        optimum={4}
        value={strength ? score : 0}
        aria-label="Passphrase strength"
        aria-valuetext={strength ? strength.label : 'Not entered yet'}
      />
      <div className="hint" aria-live="polite">
        {strength ? (
          <>
            <strong>{strength.label}.</strong>{' '}
            {strength.acceptable ? 'Good: this passphrase can be used.' : (strength.suggestions[0] ?? 'Make it longer.')}
          </>
        ) : (
          'Several unrelated words make a strong passphrase that is easy to remember.'
        )}
      </div>
    </div>
  );
}
