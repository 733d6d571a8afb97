import type { OperationScope } from '../../core/neo4j/neo4j-gateway';
import { StaffRole } from '../staff/staff-user.type';
import { AuditWriteBatcher } from './audit-write-batcher';
import { AuditAction, type AuditRecord } from './audit.type';

function entry(n: number): AuditRecord {
  return {
    id: `a-${n}`,
    at: '2026-11-23T10:00:00.000Z',
    userId: `u-${n}`,
    login: `u-${n}`,
    roles: [StaffRole.ADMIN],
    operation: 'Feed',
    requestId: `r-${n}`,
    action: AuditAction.READ,
    subjectIds: ['p-1'],
  };
}

const SCOPE: OperationScope = { operationName: 'Feed' };

describe('AuditWriteBatcher', () => {
  it('writes what flushes in one turn of the event loop in one call, every entry', async () => {
    const writes: AuditRecord[][] = [];
    const batcher = new AuditWriteBatcher({
      record: (_scope, entries) => {
        writes.push([...entries]);
        return Promise.resolve();
      },
    });
    await Promise.all(Array.from({ length: 300 }, (_, n) => batcher.record(SCOPE, [entry(n)])));
    expect(writes).toHaveLength(1);
    expect(writes[0]?.map((written) => written.id)).toEqual(
      Array.from({ length: 300 }, (_, n) => `a-${n}`),
    );
    await batcher.record(SCOPE, [entry(300)]);
    expect(writes).toHaveLength(2);
  });

  it('resolves a flush only after its entries are stored, and passes a failure on', async () => {
    let release: () => void = () => undefined;
    const stored = new Promise<void>((resolve) => {
      release = resolve;
    });
    let done = false;
    const batcher = new AuditWriteBatcher({ record: () => stored });
    const flushed = batcher.record(SCOPE, [entry(1)]).then(() => {
      done = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(done).toBe(false);
    release();
    await flushed;
    expect(done).toBe(true);

    const failing = new AuditWriteBatcher({ record: () => Promise.reject(new Error('down')) });
    await expect(failing.record(SCOPE, [entry(2)])).rejects.toThrow('down');
  });

  it('collects what arrives while a write commits into the one write after it', async () => {
    const writes: string[][] = [];
    let release: () => void = () => undefined;
    const firstCommit = new Promise<void>((resolve) => {
      release = resolve;
    });
    const batcher = new AuditWriteBatcher({
      record: (_scope, entries) => {
        writes.push(entries.map((written) => written.id));
        return writes.length === 1 ? firstCommit : Promise.resolve();
      },
    });
    const nextTurns = async (turns: number) => {
      for (let turn = 0; turn < turns; turn += 1) {
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    const first = batcher.record(SCOPE, [entry(1)]);
    await nextTurns(2);
    expect(writes).toEqual([['a-1']]);
    // Three flushes in three different turns while the first write still commits.
    const later: Promise<void>[] = [];
    for (let n = 2; n <= 4; n += 1) {
      later.push(batcher.record(SCOPE, [entry(n)]));
      await nextTurns(2);
    }
    expect(writes).toHaveLength(1);
    release();
    await Promise.all([first, ...later]);
    expect(writes).toEqual([['a-1'], ['a-2', 'a-3', 'a-4']]);
  });

  it('writes nothing for an empty flush', async () => {
    const record = jest.fn(() => Promise.resolve());
    await new AuditWriteBatcher({ record }).record(SCOPE, []);
    expect(record).not.toHaveBeenCalled();
  });
});
