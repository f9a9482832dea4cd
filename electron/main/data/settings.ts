import { DEFAULT_SETTINGS, settingsSchema, type Settings, type SettingsPatch } from '../../../shared/schemas/settings.ts';

/**
 * Where preferences are kept: electron-store in the app, `conf` (which electron-store wraps) in
 * the browser host and tests. Both expose the whole store as `.store`.
 */
export interface PreferencesStore {
  store: Record<string, unknown>;
}

/** Device and UI preferences. Never clinical data, never key material. */
export class SettingsService {
  private readonly backing: PreferencesStore;
  /**
   * The last settings read or written: `conf`'s `.store` reads and parses the file on every access,
   * and the composition reads settings after every call (its state for the shells). This process
   * is the file's only writer (one instance holds the vault), so the copy stays true.
   */
  private cached: Settings | null = null;

  constructor(backing: PreferencesStore) {
    this.backing = backing;
  }

  get(): Settings {
    this.cached ??= this.read();
    return { ...this.cached };
  }
  private read(): Settings {
    const parsed = settingsSchema.safeParse(this.backing.store);
    if (parsed.success) return parsed.data;
    // Keep what is still valid, key by key; a hand-edited or old file must not stop the app.
    const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    for (const [key, value] of Object.entries(this.backing.store)) {
      // Own keys of the schema only: a stored key named `constructor` would find Object itself.
      if (!Object.hasOwn(settingsSchema.shape, key)) continue;
      if (settingsSchema.shape[key as keyof Settings].safeParse(value).success) merged[key] = value;
    }
    return settingsSchema.parse(merged);
  }

  update(patch: SettingsPatch | Partial<Settings>): Settings {
    const next = settingsSchema.parse({ ...this.get(), ...patch });
    this.backing.store = next;
    this.cached = next;
    return { ...next };
  }
}
