/**
 * The files saved in this run, by an opaque id, so the page can ask to show one in its folder
 * without ever holding its path. In memory only, and only the last few: the button sits next to
 * a "Saved …" message that is gone once the user moves on.
 */
import { randomUUID } from 'node:crypto';

const KEEP = 20;

export class SavedFiles {
  private readonly paths = new Map<string, string>();

  /** A new id for a saved file's path. */
  remember(path: string): string {
    const id = randomUUID();
    this.paths.set(id, path);
    // A Map iterates in insertion order: the first key is the oldest save.
    while (this.paths.size > KEEP) this.paths.delete(this.paths.keys().next().value!);
    return id;
  }

  pathOf(id: string): string | null {
    return this.paths.get(id) ?? null;
  }
}
