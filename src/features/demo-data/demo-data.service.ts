import type { Logger } from '../../core/logging/logger';
import { DEFAULT_SEED, generateSeedData } from '../../../seeds/generator/generate-seed-data';
import type { SeedRecordKind } from '../../../seeds/generator/seed-records';
import type { SeedSizeName } from '../../../seeds/generator/seed-sizes';
import type { DemoDataRepository } from './demo-data.repository';

export interface SeedRequest {
  size: SeedSizeName;
  seed?: number;
  /** Called after every written batch, e.g. to move a progress bar. */
  onBatch?: (progress: SeedProgress) => void;
}

export interface SeedProgress {
  kind: SeedRecordKind;
  rows: number;
  rowsWritten: number;
}

export type SeedCounts = Partial<Record<SeedRecordKind, number>>;

export class DemoDataService {
  constructor(
    private readonly repository: DemoDataRepository,
    private readonly logger: Logger,
  ) {}

  /**
   * Loads the demo graph into an empty database only: real data is never touched. A demo load that
   * a crash cut short is completed (every write MERGEs, so the finished part stays as it is).
   */
  async loadIfEmpty(): Promise<boolean> {
    const state = await this.repository.demoLoadState();
    if (state === 'complete' || (state === 'none' && !(await this.repository.isEmpty()))) {
      this.logger.info('database already holds data; demo data not loaded');
      return false;
    }
    const started = Date.now();
    await this.repository.markDemoLoad(false);
    const counts = await this.seed({ size: 'demo' });
    await this.repository.markDemoLoad(true);
    this.logger.info(
      { size: 'demo', counts, ms: Date.now() - started, resumed: state === 'incomplete' },
      'demo data loaded',
    );
    return true;
  }

  holdsCrmData(): Promise<boolean> {
    return this.repository.isEmpty().then((empty) => !empty);
  }

  /**
   * Writes the generated world batch by batch, each in its own transaction. Every write MERGEs
   * by id, so an interrupted seed is completed, and a finished one left unchanged, by seeding
   * again with the same size and seed.
   */
  async seed(request: SeedRequest): Promise<SeedCounts> {
    const counts: SeedCounts = {};
    let rowsWritten = 0;
    for (const batch of generateSeedData({
      size: request.size,
      seed: request.seed ?? DEFAULT_SEED,
    })) {
      await this.repository.writeBatch(batch);
      counts[batch.kind] = (counts[batch.kind] ?? 0) + batch.rows.length;
      rowsWritten += batch.rows.length;
      request.onBatch?.({ kind: batch.kind, rows: batch.rows.length, rowsWritten });
    }
    return counts;
  }
}
