import { useEffect, useState } from 'react';
import type { PassphraseStrength } from '../../../shared/passphrase-strength.ts';

/** The estimate for the meter. The estimator and its dictionaries are large: loaded only when a passphrase is chosen. */
export function usePassphraseStrength(passphrase: string): PassphraseStrength | null {
  const [strength, setStrength] = useState<PassphraseStrength | null>(null);
  useEffect(() => {
    let live = true;
    if (!passphrase) {
      queueMicrotask(() => live && setStrength(null));
      return;
    }
    void import('../../../shared/passphrase-strength.ts')
      .then(({ estimatePassphraseStrength }) => estimatePassphraseStrength(passphrase))
      .then((next) => {
        if (live) setStrength(next);
      });
    return () => {
      live = false;
    };
  }, [passphrase]);
  return strength;
}

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
