import type { Neo4jGateway } from '../../src/core/neo4j/neo4j-gateway';
import { AuditRepository } from '../../src/features/audit/audit.repository';
import { AuditAction, type AuditRecord } from '../../src/features/audit/audit.type';
import { StaffRole } from '../../src/features/staff/staff-user.type';
import { resetGraph } from '../support/test-database';
import { connectTestGateway } from '../support/test-server';

let gateway: Neo4jGateway;
let audit: AuditRepository;

beforeAll(async () => {
  gateway = connectTestGateway();
  audit = new AuditRepository(gateway);
  await resetGraph(gateway);
});

afterAll(async () => {
  await gateway.close();
});

const entry = (id: string, subjectIds: string[]): AuditRecord => ({
  id,
  at: '2026-11-24T09:30:00.000Z',
  userId: 'user-0000rep1',
  login: 'rep',
  roles: [StaffRole.SALES_REP],
  operation: 'PersonView360',
  requestId: 'req-0000aud1',
  action: AuditAction.READ,
  subjectIds,
});

describe('Audit entries', () => {
  it('are written once when the same write runs again (a retry after a lost reply)', async () => {
    const first = entry('audit-retry-1', ['person-1', 'person-2']);
    await audit.record({ operationName: 'auditTrail' }, [first]);
    await audit.record({ operationName: 'auditTrail' }, [
      first,
      entry('audit-retry-2', ['person-3']),
    ]);
    const listed = await audit.list(
      { operationName: 'auditLog' },
      { subjectId: null, userId: 'user-0000rep1', before: null },
      10,
    );
    expect(listed.map((record) => record.id).sort()).toEqual(['audit-retry-1', 'audit-retry-2']);
    expect(listed.find((record) => record.id === 'audit-retry-1')).toEqual(first);
  });
});
