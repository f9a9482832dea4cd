import { useEffect, useRef, useState } from 'react';
import { plural } from './format.ts';

const ACTIVITY = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;
export const WARNING_SECONDS = 60;

/**
 * Locks after `minutes` without activity (0 = never), with a warning a minute before.
 * Returns the seconds left while the warning shows, and a way to stay unlocked.
 */
export function useIdleLock(minutes: number, onLock: () => void): { warningSeconds: number | null; stay: () => void } {
  const [lastActivity, setLastActivity] = useState(() => Date.now());
  const [now, setNow] = useState(() => Date.now());
  const locked = useRef(false);
  const onLockRef = useRef(onLock);
  useEffect(() => {
    onLockRef.current = onLock;
  });

  useEffect(() => {
    if (!minutes) return;
    let last = 0;
    const mark = () => {
      // Pointer moves fire often; one mark a second is plenty.
      const t = Date.now();
      if (t - last > 1000) {
        last = t;
        setLastActivity(t);
      }
    };
    for (const name of ACTIVITY) window.addEventListener(name, mark, { passive: true });
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => {
      for (const name of ACTIVITY) window.removeEventListener(name, mark);
      clearInterval(timer);
    };
  }, [minutes]);

  const left = minutes ? Math.ceil((lastActivity + minutes * 60_000 - now) / 1000) : Infinity;
  useEffect(() => {
    if (left <= 0 && !locked.current) {
      locked.current = true;
      onLockRef.current();
    }
  }, [left]);

  return {
    warningSeconds: left <= WARNING_SECONDS && left > 0 ? left : null,
    stay: () => {
      setLastActivity(Date.now());
      setNow(Date.now());
    },
  };
}

/** The minute's warning before an idle lock, announced to screen readers. */
export function IdleWarning({ seconds, onStay }: { seconds: number; onStay: () => void }) {
  return (
    <div className="idle-warning" role="alertdialog" aria-labelledby="idle-title" aria-describedby="idle-text">
      <h2 id="idle-title">Still there?</h2>
      <p id="idle-text">
        The vault locks in {plural(seconds, { one: 'second', other: 'seconds' })} because nothing has happened for a while. Your notes are saved.
      </p>
      <button type="button" className="primary" onClick={onStay} autoFocus>
        Stay unlocked
      </button>
    </div>
  );
}
