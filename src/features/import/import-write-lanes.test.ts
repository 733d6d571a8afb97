import { WriteLanes } from './import-write-lanes';

/** A write that runs until the test lets it finish, recording when it started and ended. */
class ControlledWrite {
  started = false;
  finished = false;
  private release: (() => void) | null = null;
  private failWith: ((error: Error) => void) | null = null;

  constructor(
    readonly name: string,
    private readonly log: string[],
  ) {}

  readonly write = (): Promise<void> => {
    this.started = true;
    this.log.push(`start ${this.name}`);
    return new Promise<void>((resolve, reject) => {
      this.release = () => {
        this.finished = true;
        this.log.push(`end ${this.name}`);
        resolve();
      };
      this.failWith = reject;
    });
  };

  finish(): Promise<void> {
    this.release?.();
    return settled();
  }

  fail(error: Error): Promise<void> {
    this.failWith?.(error);
    return settled();
  }
}

/** Lets every queued callback run. */
function settled(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

describe('WriteLanes', () => {
  it('runs writes with disjoint claims at the same time, up to the lane count', async () => {
    const log: string[] = [];
    const lanes = new WriteLanes(2, 10);
    const writes = ['a', 'b', 'c'].map((name) => new ControlledWrite(name, log));
    for (const [index, write] of writes.entries()) await lanes.submit([index], write.write);
    expect(writes.map((write) => write.started)).toEqual([true, true, false]);
    await writes[0]?.finish();
    expect(writes[2]?.started).toBe(true);
    await writes[1]?.finish();
    await writes[2]?.finish();
    await lanes.drain();
    expect(log).toEqual(['start a', 'start b', 'end a', 'start c', 'end b', 'end c']);
  });

  it('runs writes whose claims overlap one after the other, in the order submitted', async () => {
    const log: string[] = [];
    const lanes = new WriteLanes(4, 10);
    const first = new ControlledWrite('first', log);
    const other = new ControlledWrite('other', log);
    const second = new ControlledWrite('second', log);
    const third = new ControlledWrite('third', log);
    await lanes.submit([1, 2], first.write);
    await lanes.submit([3], other.write);
    await lanes.submit([2], second.write);
    // Shares nothing with the running writes, but must not overtake `second`, which it overlaps.
    await lanes.submit([0, 2], third.write);
    expect([first.started, other.started, second.started, third.started]).toEqual([
      true,
      true,
      false,
      false,
    ]);
    await first.finish();
    expect([second.started, third.started]).toEqual([true, false]);
    await second.finish();
    expect(third.started).toBe(true);
    await third.finish();
    await other.finish();
    await lanes.drain();
  });

  it('runs a write that claims every partition alone, in order with the others', async () => {
    const log: string[] = [];
    const lanes = new WriteLanes(4, 10);
    const before = new ControlledWrite('before', log);
    const alone = new ControlledWrite('alone', log);
    const after = new ControlledWrite('after', log);
    await lanes.submit([1], before.write);
    await lanes.submit(lanes.claimAll(), alone.write);
    await lanes.submit([6], after.write);
    expect([before.started, alone.started, after.started]).toEqual([true, false, false]);
    await before.finish();
    expect([alone.started, after.started]).toEqual([true, false]);
    await alone.finish();
    expect(after.started).toBe(true);
    await after.finish();
    await lanes.drain();
  });

  it('holds the reader back while more writes wait than allowed', async () => {
    const log: string[] = [];
    const lanes = new WriteLanes(1, 1);
    const writes = ['a', 'b', 'c'].map((name) => new ControlledWrite(name, log));
    await lanes.submit([0], writes[0]!.write);
    await lanes.submit([0], writes[1]!.write);
    let thirdAccepted = false;
    const third = lanes.submit([0], writes[2]!.write).then(() => {
      thirdAccepted = true;
    });
    await settled();
    expect(thirdAccepted).toBe(false);
    await writes[0]?.finish();
    await third;
    expect(thirdAccepted).toBe(true);
    await writes[1]?.finish();
    await writes[2]?.finish();
    await lanes.drain();
  });

  it('after a failure starts nothing new, lets running writes finish and reports the failure', async () => {
    const log: string[] = [];
    const lanes = new WriteLanes(2, 10);
    const failing = new ControlledWrite('failing', log);
    const running = new ControlledWrite('running', log);
    const waiting = new ControlledWrite('waiting', log);
    await lanes.submit([0], failing.write);
    await lanes.submit([1], running.write);
    await lanes.submit([2], waiting.write);
    await failing.fail(new Error('deadlock'));
    expect(waiting.started).toBe(false);
    await expect(lanes.submit([3], () => Promise.resolve())).rejects.toThrow('deadlock');
    const drained = expect(lanes.drain()).rejects.toThrow('deadlock');
    await settled();
    expect(running.finished).toBe(false);
    await running.finish();
    await drained;
    expect(waiting.started).toBe(false);
    expect(log).toEqual(['start failing', 'start running', 'end running']);
  });

  it('gives the same key the same partition, and a pair of keys a sorted claim', () => {
    const lanes = new WriteLanes(4);
    expect(lanes.partitions).toBe(8);
    const keys = Array.from({ length: 200 }, (_, index) => `shop:C-${index}`);
    const partitions = keys.map((key) => lanes.partitionOf(key));
    expect(keys.map((key) => lanes.partitionOf(key))).toEqual(partitions);
    expect(new Set(partitions).size).toBe(8);
    for (const partition of partitions) expect(partition).toBeLessThan(8);
    const claim = lanes.claimOf('shop:C-1', 'shop:C-2');
    expect([...claim].sort((a, b) => a - b)).toEqual(claim);
    expect(lanes.claimOf('shop:C-2', 'shop:C-1')).toEqual(claim);
    expect(lanes.claimOf('shop:C-1', 'shop:C-1')).toEqual([lanes.partitionOf('shop:C-1')]);
    expect(new WriteLanes(1).claimOf('a', 'b')).toEqual([0]);
  });
});
