/**
 * What File › Print (Ctrl/Cmd+P) prints: the session note or the course that is open on screen.
 * A screen that shows one registers it while it is mounted; the one mounted last wins (a note
 * opened from a course replaces the course until it is closed).
 */
import { useEffect } from 'react';

export type PrintTarget = { sessionId: string } | { courseId: string };

const targets: { target: PrintTarget }[] = [];

/** Registers `target` as printable while the calling component is mounted. */
export function usePrintTarget(target: PrintTarget | null): void {
  const key = target ? ('sessionId' in target ? `s:${target.sessionId}` : `c:${target.courseId}`) : '';
  useEffect(() => {
    if (!key) return;
    const entry = { target: key.startsWith('s:') ? { sessionId: key.slice(2) } : { courseId: key.slice(2) } };
    targets.push(entry);
    return () => {
      const at = targets.indexOf(entry);
      if (at >= 0) targets.splice(at, 1);
    };
  }, [key]);
}

/** The session note or course on screen, if any. */
export function currentPrintTarget(): PrintTarget | null {
  return targets.at(-1)?.target ?? null;
}
