import { useEffect, useId, useRef } from 'react';
import { INSTRUMENT_ATTRIBUTION, type InstrumentDefinition } from '../../../shared/ipt/instruments.ts';

export type Answer = 0 | 1 | 2 | 3 | null;

/** A PHQ-9 or GAD-7 form in its exact wording, one radio group per question, with the attribution. */
export function Questionnaire({ def, answers, difficulty, onAnswers, onDifficulty, errors = {}, focusOnOpen = false }: { def: InstrumentDefinition; answers: Answer[]; difficulty: Answer; onAnswers: (a: Answer[]) => void; onDifficulty: (d: Answer) => void; errors?: Record<number, string>; focusOnOpen?: boolean }) {
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  // Opened by a button that goes away: focus moves to the questionnaire, not back to the top.
  useEffect(() => {
    if (focusOnOpen) heading.current?.focus();
  }, [focusOnOpen]);
  return (
    <section className="questionnaire" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} ref={heading} tabIndex={focusOnOpen ? -1 : undefined}>
        {def.name}
      </h2>
      <p className="stem">{def.stem}</p>
      <ol className="q-items">
        {def.items.map((item, i) => (
          <li key={item.number}>
            <fieldset aria-describedby={errors[i] ? `${id}-err-${i}` : undefined}>
              <legend>
                {item.number}. {item.text}
              </legend>
              <div className="q-options">
                {def.answers.map((option) => (
                  <label key={option.value} className="q-option">
                    <input
                      type="radio"
                      name={`${id}-q${item.number}`}
                      value={option.value}
                      checked={answers[i] === option.value}
                      onChange={() => onAnswers(answers.map((a, j) => (j === i ? (option.value as Answer) : a)))}
                    />
                    {option.label}
                  </label>
                ))}
              </div>
              {errors[i] && (
                <p id={`${id}-err-${i}`} className="error-text">
                  {errors[i]}
                </p>
              )}
            </fieldset>
          </li>
        ))}
      </ol>
      <fieldset className="q-difficulty">
        <legend>{def.difficulty.text}</legend>
        <div className="q-options">
          {def.difficulty.options.map((label, value) => (
            <label key={label} className="q-option">
              <input type="radio" name={`${id}-difficulty`} value={value} checked={difficulty === value} onChange={() => onDifficulty(value as Answer)} />
              {label}
            </label>
          ))}
        </div>
      </fieldset>
      <p className="attribution">{INSTRUMENT_ATTRIBUTION}</p>
    </section>
  );
}
