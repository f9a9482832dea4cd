/** Which automatic backups to keep: the newest `keep`, plus the newest of each of the last 12 months. */
export const BACKUP_DIR_PATTERN = /^IPT-backup-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(?:-\d+)?$/;

export function backupDirName(at: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `IPT-backup-${at.getUTCFullYear()}${p(at.getUTCMonth() + 1)}${p(at.getUTCDate())}-${p(at.getUTCHours())}${p(at.getUTCMinutes())}${p(at.getUTCSeconds())}`;
}

export function backupsToDelete(names: string[], keep: number, now: Date): string[] {
  const dated = names
    .map((name) => ({ name, m: BACKUP_DIR_PATTERN.exec(name) }))
    .filter((x): x is { name: string; m: RegExpExecArray } => x.m !== null)
    .map(({ name, m }) => ({ name, month: `${m[1]}-${m[2]}`, time: Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) }))
    .sort((a, b) => b.time - a.time);
  const kept = new Set(dated.slice(0, keep).map((d) => d.name));
  const yearAgo = Date.UTC(now.getUTCFullYear() - 1, now.getUTCMonth(), now.getUTCDate());
  const seenMonths = new Set<string>();
  for (const d of dated) {
    if (d.time < yearAgo || seenMonths.has(d.month)) continue;
    seenMonths.add(d.month);
    kept.add(d.name);
  }
  return dated.filter((d) => !kept.has(d.name)).map((d) => d.name);
}
