/**
 * What the app tells its shells, apart from call replies: its state (the menu, content protection
 * and the theme follow it) and whether long work is running (the taskbar/Dock progress bar).
 */
import type { ChannelName } from '../../../shared/contract.ts';
import { LONG_WORK, type Progress } from './progress.ts';

/** A set of listeners; `add` returns the unsubscribe function. */
export class Listeners<T> {
  private readonly set = new Set<(value: T) => void>();

  add(listener: (value: T) => void): () => void {
    this.set.add(listener);
    return () => this.set.delete(listener);
  }

  emit(value: T): void {
    for (const listener of this.set) listener(value);
  }
}

/** Tells listeners only when the value has changed since the last time. */
export class ChangeSignal<T> extends Listeners<T> {
  private last = '';

  offer(value: T): void {
    const key = JSON.stringify(value);
    if (key === this.last) return;
    this.last = key;
    this.emit(value);
  }
}

/** Counts the long calls running (LONG_WORK) and tells listeners as each starts and ends. */
export class LongWork extends Listeners<Progress> {
  private running = 0;

  async around<T>(channel: unknown, work: () => Promise<T>): Promise<T> {
    if (!LONG_WORK.includes(channel as ChannelName)) return work();
    this.change(+1);
    try {
      return await work();
    } finally {
      this.change(-1);
    }
  }

  private change(delta: number): void {
    this.running += delta;
    this.emit({ running: this.running });
  }
}
