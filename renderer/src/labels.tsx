import { createContext, useContext, type ReactNode } from 'react';
import { PROBLEM_AREA_LABELS, problemAreaLabels, type ProblemArea } from '../../shared/ipt/vocabulary.ts';

const AreaLabels = createContext<Record<ProblemArea, string>>(PROBLEM_AREA_LABELS);

/** Problem-area labels as the practice prefers them (a setting). */
export function AreaLabelsProvider({ deficitsLabel, children }: { deficitsLabel: 'deficits' | 'sensitivity'; children: ReactNode }) {
  return <AreaLabels.Provider value={problemAreaLabels(deficitsLabel)}>{children}</AreaLabels.Provider>;
}

export function useAreaLabels(): Record<ProblemArea, string> {
  return useContext(AreaLabels);
}
