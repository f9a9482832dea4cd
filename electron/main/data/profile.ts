import { practiceProfileSchema, type PracticeProfile } from '../../../shared/schemas/note.ts';
import type { AuditService } from './audit.ts';
import { AppError } from './errors.ts';

function looksLike(mime: string, bytes: Buffer): boolean {
  if (mime === 'image/png') return bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}
import type { Db } from './vault/database.ts';

/** The practice profile lives in the vault (`practice_profile`): it names the clinician on every signed note and letter. */
export class ProfileRepository {
  private readonly db: Db;
  private readonly audit: AuditService;

  constructor(db: Db, audit: AuditService) {
    this.db = db;
    this.audit = audit;
  }

  get(): PracticeProfile {
    const row = this.db.prepare('SELECT profile FROM practice_profile WHERE id = 1').get() as { profile: string } | undefined;
    return practiceProfileSchema.parse(row ? JSON.parse(row.profile) : {});
  }

  save(profile: PracticeProfile): PracticeProfile {
    for (const key of ['signatureImage', 'logo'] as const) {
      const image = profile[key];
      if (image && !looksLike(image.mime, Buffer.from(image.base64, 'base64'))) {
        throw new AppError('VALIDATION_FAILED', { fields: { [key]: 'This file is not a PNG or JPEG image.' } });
      }
    }
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO practice_profile (id, profile, updated_at) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET profile = excluded.profile, updated_at = excluded.updated_at')
        .run(JSON.stringify(profile), new Date().toISOString());
      this.audit.append({ type: 'profile.changed', recordType: 'profile' });
    })();
    return this.get();
  }
}
