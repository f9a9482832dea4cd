import { z } from 'zod';

/**
 * Device and UI preferences only. No clinical data and no key material may ever be added here:
 * this store is a plain JSON file on disk.
 */
export const settingsSchema = z.strictObject({
  theme: z.enum(['system', 'light', 'dark']).default('system'),
  /** 0 means never. */
  autoLockMinutes: z.number().int().min(0).max(120).default(10),
  dateStyle: z.enum(['locale', 'iso']).default('locale'),
  windowBounds: z
    .strictObject({
      x: z.number().int(),
      y: z.number().int(),
      width: z.number().int().min(400).max(10000),
      height: z.number().int().min(300).max(10000),
    })
    .nullable()
    .default(null),
  /** Maximised or full screen when last changed; restored at the next start. */
  windowMode: z.enum(['normal', 'maximized', 'fullScreen']).default('normal'),
  lastVaultDir: z.string().max(4096).default(''),
  /** The folder of the last saved export, where the next save dialog opens (chosen in the system dialog). */
  lastSaveFolder: z.string().max(4096).default(''),
  noteLayout: z.enum(['ipt', 'soap', 'dap', 'birp']).default('ipt'),
  /** Some practices say "interpersonal sensitivity" for the fourth problem area. */
  deficitsLabel: z.enum(['deficits', 'sensitivity']).default('deficits'),
  /** How saved files name the client: "NH progress letter …" (initials) or "Noor Haddad progress letter …". */
  exportNameStyle: z.enum(['initials', 'name']).default('initials'),
  /** The build date whose update notice the user dismissed at unlock ('' for none): it stays dismissed for that build. */
  updateNoticeDismissed: z.union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/)]).default(''),
  /** Hides the window from screen capture while unlocked; turn off to share a worksheet on a video call. */
  contentProtection: z.boolean().default(true),
  /** Where backups go (chosen through the system's folder dialog, never typed by the page). */
  backupFolder: z.string().max(4096).default(''),
  backupIntervalHours: z.number().int().min(1).max(24 * 30).default(24),
  backupKeep: z.number().int().min(1).max(100).default(10),
  lastBackupAt: z.string().max(40).default(''),
  lastBackupOk: z.boolean().default(false),
  retentionProfile: z.enum(['us', 'uk', 'custom']).default('us'),
  retentionCustomYears: z.number().int().min(1).max(100).default(10),
  /** How long copies inside the data folder (pre-restore, pre-migration) are kept before removal. */
  localCopyKeepDays: z.number().int().min(1).max(365).default(30),
  /**
   * The audit chain's head, kept outside the vault so an older vault.db put back in place shows
   * on unlock (data/audit.ts). A sequence number and two MACs: neither clinical data nor key
   * material. Written by main only (not in the patch schema).
   */
  auditAnchor: z.strictObject({ seq: z.number().int().min(0), mac: z.string().max(200), tag: z.string().regex(/^[0-9a-f]{64}$/) }).nullable().default(null),
});
export type Settings = z.output<typeof settingsSchema>;

export const settingsPatchSchema = z.strictObject({
  theme: settingsSchema.shape.theme.unwrap().optional(),
  autoLockMinutes: settingsSchema.shape.autoLockMinutes.unwrap().optional(),
  dateStyle: settingsSchema.shape.dateStyle.unwrap().optional(),
  noteLayout: settingsSchema.shape.noteLayout.unwrap().optional(),
  deficitsLabel: settingsSchema.shape.deficitsLabel.unwrap().optional(),
  contentProtection: settingsSchema.shape.contentProtection.unwrap().optional(),
  exportNameStyle: settingsSchema.shape.exportNameStyle.unwrap().optional(),
  updateNoticeDismissed: settingsSchema.shape.updateNoticeDismissed.unwrap().optional(),
  backupIntervalHours: settingsSchema.shape.backupIntervalHours.unwrap().optional(),
  backupKeep: settingsSchema.shape.backupKeep.unwrap().optional(),
  retentionProfile: settingsSchema.shape.retentionProfile.unwrap().optional(),
  retentionCustomYears: settingsSchema.shape.retentionCustomYears.unwrap().optional(),
  localCopyKeepDays: settingsSchema.shape.localCopyKeepDays.unwrap().optional(),
});
export type SettingsPatch = z.input<typeof settingsPatchSchema>;

export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});
