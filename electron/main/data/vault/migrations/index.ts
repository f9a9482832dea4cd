import { migration001 } from './001-initial.ts';
import { migration002 } from './002-course-of-treatment.ts';
import { migration003 } from './003-notes-techniques-search.ts';
import { migration004 } from './004-measures.ts';
import { migration005 } from './005-documents.ts';
import { migration006 } from './006-audit-chain.ts';
import { migration007 } from './007-audit-by-record-id.ts';
import { migration008 } from './008-letters-process-notes-mark.ts';
import { migration009 } from './009-session-lifecycle.ts';
import { migration010 } from './010-safety-plans.ts';
import { migration011 } from './011-administered-on.ts';
import type { Migration } from './types.ts';

/** Every migration the app knows, in order. Append; never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008, migration009, migration010, migration011];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
