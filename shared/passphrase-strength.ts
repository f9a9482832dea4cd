import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

/**
 * The estimator and its dictionaries (about 2 MB of word lists) load on the first check, not with
 * the bundle: main's index.js was 2.2 MB with them, and most launches never set a passphrase.
 */
let factory: Promise<ZxcvbnFactory> | null = null;
function estimator(): Promise<ZxcvbnFactory> {
  factory ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common'), import('@zxcvbn-ts/language-en')]).then(
    ([core, common, english]) =>
      new core.ZxcvbnFactory({
        dictionary: { ...common.dictionary, ...english.dictionary },
        graphs: common.adjacencyGraphs,
        translations: english.translations,
      }),
  );
  return factory;
}

/** zxcvbn score 0-4; we require 3 ("safely unguessable") or better. */
export const MIN_PASSPHRASE_SCORE = 3;
export const MIN_PASSPHRASE_LENGTH = 10;

export interface PassphraseStrength {
  score: 0 | 1 | 2 | 3 | 4;
  acceptable: boolean;
  label: string;
  suggestions: string[];
}

const LABELS = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'] as const;

export async function estimatePassphraseStrength(passphrase: string, userInputs: string[] = []): Promise<PassphraseStrength> {
  // zxcvbn cost grows with length; beyond 100 characters the score cannot change meaningfully.
  const result = (await estimator()).check(passphrase.slice(0, 100), userInputs);
  const score = result.score;
  const longEnough = passphrase.length >= MIN_PASSPHRASE_LENGTH;
  const suggestions = [...result.feedback.suggestions];
  if (result.feedback.warning) suggestions.unshift(result.feedback.warning);
  if (!longEnough) suggestions.unshift(`Use at least ${MIN_PASSPHRASE_LENGTH} characters.`);
  return {
    score,
    acceptable: longEnough && score >= MIN_PASSPHRASE_SCORE,
    label: LABELS[score],
    suggestions,
  };
}
