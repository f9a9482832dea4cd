import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { ratingAddSchema, RatingSeries, ratingSeriesCreateSchema } from '../../../shared/schemas/ratings.ts';
import type { AuditService } from './audit.ts';
import { AppError } from './errors.ts';
import type { ClientRepository } from './clients.ts';
import type { CourseRepository } from './courses.ts';
import { requireRow } from './records.ts';
import type { Db } from './vault/database.ts';

interface SeriesRow {
  id: string;
  client_id: string;
  course_id: string | null;
  kind: RatingSeries['kind'];
  label: string;
  problem_area: RatingSeries['problemArea'];
  low_anchor: string;
  high_anchor: string;
  created_at: string;
}

/** 0-10 ratings recorded over time (`rating_series`, `ratings`): goals, mourning and re-engagement progress, mood, confidence. */
export class RatingRepository {
  private readonly db: Db;
  private readonly audit: AuditService;
  private readonly clients: Pick<ClientRepository, 'assertExists'>;
  private readonly courses: Pick<CourseRepository, 'findClientOf'>;
  private readonly now: () => Date;

  constructor(db: Db, audit: AuditService, owners: { clients: Pick<ClientRepository, 'assertExists'>; courses: Pick<CourseRepository, 'findClientOf'> }, now: () => Date = () => new Date()) {
    this.db = db;
    this.audit = audit;
    this.clients = owners.clients;
    this.courses = owners.courses;
    this.now = now;
  }

  createSeries(input: z.output<typeof ratingSeriesCreateSchema>): RatingSeries {
    const id = randomUUID();
    this.db.transaction(() => {
      this.clients.assertExists(input.clientId);
      if (input.courseId) {
        if (this.courses.findClientOf(input.courseId) !== input.clientId) throw new AppError('VALIDATION_FAILED', { fields: { courseId: 'Choose a course of this client.' } });
      }
      this.db
        .prepare('INSERT INTO rating_series (id, client_id, course_id, kind, label, problem_area, low_anchor, high_anchor, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(id, input.clientId, input.courseId, input.kind, input.label, input.problemArea, input.lowAnchor, input.highAnchor, this.now().toISOString());
      this.audit.append({ type: 'rating_series.created', recordType: 'rating_series', recordId: id });
    })();
    return this.get(id);
  }

  add(input: z.output<typeof ratingAddSchema>): RatingSeries {
    this.db.transaction(() => {
      this.seriesRow(input.seriesId);
      this.db
        .prepare('INSERT INTO ratings (id, series_id, date, value, note, created_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(randomUUID(), input.seriesId, input.date, input.value, input.note, this.now().toISOString());
      this.audit.append({ type: 'rating.added', recordType: 'rating_series', recordId: input.seriesId });
    })();
    return this.get(input.seriesId);
  }

  get(id: string): RatingSeries {
    const row = this.seriesRow(id);
    return this.toSeries(row, this.ratingsOf([id]).get(id) ?? []);
  }

  list(clientId: string, courseId: string | null = null): RatingSeries[] {
    this.clients.assertExists(clientId);
    const rows = (
      courseId
        ? this.db.prepare('SELECT * FROM rating_series WHERE client_id = ? AND course_id = ? ORDER BY created_at').all(clientId, courseId)
        : this.db.prepare('SELECT * FROM rating_series WHERE client_id = ? ORDER BY created_at').all(clientId)
    ) as SeriesRow[];
    const ratings = this.ratingsOf(rows.map((r) => r.id));
    return rows.map((r) => this.toSeries(r, ratings.get(r.id) ?? []));
  }

  /** The ids of the client's rating series: the opaque ids their audit rows carry (the audit panel's per-client filter). */
  idsOfClient(clientId: string): string[] {
    return (this.db.prepare('SELECT id FROM rating_series WHERE client_id = ?').all(clientId) as { id: string }[]).map((r) => r.id);
  }

  private ratingsOf(seriesIds: string[]): Map<string, RatingSeries['ratings']> {
    const map = new Map<string, RatingSeries['ratings']>();
    if (seriesIds.length === 0) return map;
    const rows = this.db
      .prepare(`SELECT id, series_id, date, value, note FROM ratings WHERE series_id IN (${seriesIds.map(() => '?').join(',')}) ORDER BY date, created_at`)
      .all(...seriesIds) as { id: string; series_id: string; date: string; value: number; note: string }[];
    for (const r of rows) {
      const list = map.get(r.series_id) ?? [];
      list.push({ id: r.id, date: r.date, value: r.value, note: r.note });
      map.set(r.series_id, list);
    }
    return map;
  }

  private seriesRow(id: string): SeriesRow {
    return requireRow(this.db.prepare('SELECT * FROM rating_series WHERE id = ?').get(id) as SeriesRow | undefined);
  }

  private toSeries(r: SeriesRow, ratings: RatingSeries['ratings']): RatingSeries {
    return {
      id: r.id,
      clientId: r.client_id,
      courseId: r.course_id,
      kind: r.kind,
      label: r.label,
      problemArea: r.problem_area,
      lowAnchor: r.low_anchor,
      highAnchor: r.high_anchor,
      ratings,
      createdAt: r.created_at,
    };
  }
}
