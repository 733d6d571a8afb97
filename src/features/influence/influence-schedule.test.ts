import { createLogger } from '../../core/logging/logger';
import type { InfluenceRecomputeService } from './influence-recompute.service';
import { InfluenceRecomputeSchedule } from './influence-schedule';
import { recomputeAlreadyRunning } from './influence.errors';

function fakeJob(outcomes: (() => Promise<unknown>)[]) {
  let calls = 0;
  const job = {
    recompute: jest.fn(() => {
      const outcome = outcomes[Math.min(calls, outcomes.length - 1)];
      calls += 1;
      return outcome === undefined ? Promise.resolve() : outcome();
    }),
  };
  return job as unknown as InfluenceRecomputeService & { recompute: jest.Mock };
}

describe('InfluenceRecomputeSchedule', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('recomputes once at start and then every interval', async () => {
    const job = fakeJob([() => Promise.resolve()]);
    const schedule = new InfluenceRecomputeSchedule(job, 10, createLogger('silent'));
    schedule.start();
    expect(job.recompute).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(10 * 60_000);
    expect(job.recompute).toHaveBeenCalledTimes(2);
    await jest.advanceTimersByTimeAsync(20 * 60_000);
    expect(job.recompute).toHaveBeenCalledTimes(4);
    await schedule.stop();
    await jest.advanceTimersByTimeAsync(60 * 60_000);
    expect(job.recompute).toHaveBeenCalledTimes(4);
  });

  it('skips a turn while a run is still going, and survives failures', async () => {
    let finish: () => void = () => undefined;
    const job = fakeJob([
      () => new Promise<void>((resolve) => (finish = resolve)),
      () => Promise.reject(recomputeAlreadyRunning()),
      () => Promise.reject(new Error('database gone')),
      () => Promise.resolve(),
    ]);
    const logger = createLogger('silent');
    const info = jest.spyOn(logger, 'info');
    const error = jest.spyOn(logger, 'error');
    const schedule = new InfluenceRecomputeSchedule(job, 1, logger);
    schedule.start();
    await jest.advanceTimersByTimeAsync(60_000);
    expect(job.recompute).toHaveBeenCalledTimes(1);
    finish();
    await jest.advanceTimersByTimeAsync(60_000);
    await jest.advanceTimersByTimeAsync(60_000);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(job.recompute).toHaveBeenCalledTimes(4);
    expect(info).toHaveBeenCalledWith('influence recompute skipped: another one is running');
    expect(error).toHaveBeenCalledTimes(1);
    await schedule.stop();
  });
});
