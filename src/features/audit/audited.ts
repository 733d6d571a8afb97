import type { AuditTrail } from './audit-trail';

/** Runs a change and notes, for the audit log, the people whose data it changed. */
export async function changing<T>(
  audit: AuditTrail,
  work: Promise<T>,
  peopleOf: (result: T) => ReadonlyArray<string | null | undefined>,
): Promise<T> {
  const result = await work;
  for (const personId of peopleOf(result)) if (personId) audit.noteChange(personId);
  return result;
}
