import { practiceProfileSchema, type PracticeProfile } from '../../../shared/schemas/note.ts';
import type { AuditService } from './audit.ts';
import type { Db } from './vault/database.ts';

/** The practice profile lives in the vault: it names the clinician on every signed note and letter. */
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
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO practice_profile (id, profile, updated_at) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET profile = excluded.profile, updated_at = excluded.updated_at')
        .run(JSON.stringify(profile), new Date().toISOString());
      this.audit.append({ type: 'profile.changed', recordType: 'profile' });
    })();
    return this.get();
  }
}
