import { DomainError } from '../../core/errors/domain-error';
import { ErrorCode } from '../../core/errors/error-code';
import type { Logger } from '../../core/logging/logger';
import type { InfluenceRecomputeService } from './influence-recompute.service';

const SCOPE = { operationName: 'influenceSchedule' };

/**
 * Recomputes influence once when started and then every interval (INFLUENCE_RECOMPUTE_INTERVAL_MINUTES).
 * A run that finds another one going (this process or another instance) skips its turn.
 */
export class InfluenceRecomputeSchedule {
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<void> | null = null;

  constructor(
    private readonly job: InfluenceRecomputeService,
    private readonly intervalMinutes: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    if (this.timer !== null) return;
    this.timer = setInterval(() => this.runOnce(), this.intervalMinutes * 60_000);
    this.timer.unref();
    this.runOnce();
  }

  /** Stops the timer and waits for a run in progress to finish. */
  async stop(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    await this.current;
  }

  private runOnce(): void {
    if (this.current !== null) return;
    this.current = this.job
      .recompute(SCOPE)
      .then(
        () => undefined,
        (error: unknown) => {
          if (error instanceof DomainError && error.code === ErrorCode.Conflict) {
            this.logger.info('influence recompute skipped: another one is running');
          } else {
            this.logger.error({ err: error }, 'scheduled influence recompute failed');
          }
        },
      )
      .finally(() => {
        this.current = null;
      });
  }
}
