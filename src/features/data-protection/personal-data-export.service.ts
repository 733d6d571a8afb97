import { notFound } from '../../core/errors/domain-error';
import type { CypherRow, OperationScope } from '../../core/neo4j/neo4j-gateway';
import { assertEntityId } from '../shared/entity-id';
import type { PersonalDataExportRepository } from './personal-data-export.repository';

/** Labels whose nodes hold no personal data: exported as they are. */
const PUBLIC_LABELS = new Set(['Organization', 'Topic', 'Product', 'Campaign', 'Team']);
/**
 * What may be shown of another person's node: enough to understand the subject's own data (that
 * they follow an account on X, that someone replied on 3 May), never who that someone is.
 */
const SAFE_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  Interaction: ['kind', 'channel', 'occurredAt', 'platform', 'sentiment'],
  SocialAccount: ['platform'],
  User: ['staffRole'],
};

export interface ExportedNode {
  labels: string[];
  /** True when this is someone else's data and only its safe parts are shown. */
  redacted: boolean;
  properties: Record<string, unknown>;
}

export interface ExportedRelationship {
  /** Which of the subject's records the relationship belongs to. */
  from: { kind: string; id: string | null };
  type: string;
  direction: 'OUT' | 'IN';
  properties: Record<string, unknown>;
  node: ExportedNode;
}

export interface PersonalDataExport {
  format: 'social-crm-personal-data/1';
  exportedAt: string;
  subject: { labels: string[]; properties: Record<string, unknown> };
  relationships: ExportedRelationship[];
  /** Who accessed the data: roles and operations, without naming staff. */
  accessLog: Array<{ at: string; action: string; operation: string; roles: string[] }>;
  /** Every kind of node and relationship the export contains. */
  contents: { labels: string[]; relationshipTypes: string[] };
}

function redact(row: CypherRow): ExportedNode {
  const labels = row.labels as string[];
  const properties = row.properties as Record<string, unknown>;
  if (row.own === true || labels.some((label) => PUBLIC_LABELS.has(label))) {
    return { labels, redacted: false, properties };
  }
  const safe = new Set(labels.flatMap((label) => SAFE_PROPERTIES[label] ?? []));
  return {
    labels,
    redacted: true,
    properties: Object.fromEntries(Object.entries(properties).filter(([key]) => safe.has(key))),
  };
}

/** The data protection officer's copy of everything held about a person (GDPR Art. 15, 20). */
export class PersonalDataExportService {
  constructor(private readonly repository: PersonalDataExportRepository) {}

  async export(scope: OperationScope, personId: string): Promise<PersonalDataExport> {
    assertEntityId(personId, 'personId');
    const rows = await this.repository.load(scope, personId);
    if (rows.subject === null)
      throw notFound(`No person with id ${personId}`, { field: 'personId' });
    const relationships = rows.around.map(
      (row): ExportedRelationship => ({
        from: {
          kind: String(row.anchorKind),
          id: typeof row.anchorId === 'string' ? row.anchorId : null,
        },
        type: String(row.type),
        direction: row.outgoing === true ? 'OUT' : 'IN',
        properties: row.relationshipProperties as Record<string, unknown>,
        node: redact(row),
      }),
    );
    const subjectLabels = rows.subject.labels as string[];
    return {
      format: 'social-crm-personal-data/1',
      exportedAt: new Date().toISOString(),
      subject: {
        labels: subjectLabels,
        properties: rows.subject.properties as Record<string, unknown>,
      },
      relationships,
      accessLog: rows.audit.map((row) => ({
        at: String(row.at),
        action: String(row.action),
        operation: String(row.operation),
        roles: row.roles as string[],
      })),
      contents: {
        labels: [
          ...new Set([...subjectLabels, ...relationships.flatMap((r) => r.node.labels)]),
        ].sort(),
        relationshipTypes: [...new Set(relationships.map((r) => r.type))].sort(),
      },
    };
  }
}
