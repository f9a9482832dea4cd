import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';

let factory: ZxcvbnFactory | null = null;
function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  });
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

export function estimatePassphraseStrength(passphrase: string, userInputs: string[] = []): PassphraseStrength {
  // zxcvbn cost grows with length; beyond 100 characters the score cannot change meaningfully.
  const result = estimator().check(passphrase.slice(0, 100), userInputs);
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
