import 'reflect-metadata';
import { runFanoutBenchmark } from './fanout.bench';
import { runImportBenchmark } from './import.bench';
import { runIngestBenchmark } from './ingest.bench';
import { runInfluenceBenchmark } from './influence.bench';
import { runPathsBenchmark } from './paths.bench';
import { runReachBenchmark } from './reach.bench';
import { runStartupBenchmark } from './startup.bench';
import { runView360Benchmark } from './view360.bench';

/** Named benchmarks: `npm run bench -- <name>`. Each prints its figures; none asserts timings. */
const BENCHMARKS: Readonly<Record<string, () => Promise<void>>> = {
  startup: runStartupBenchmark,
  import: runImportBenchmark,
  influence: runInfluenceBenchmark,
  view360: runView360Benchmark,
  paths: runPathsBenchmark,
  reach: runReachBenchmark,
  ingest: runIngestBenchmark,
  fanout: runFanoutBenchmark,
};

async function main(): Promise<void> {
  const requested = process.argv.slice(2);
  const names =
    requested.length === 0 || requested.includes('all') ? Object.keys(BENCHMARKS) : requested;
  for (const name of names) {
    const benchmark = BENCHMARKS[name];
    if (benchmark === undefined) {
      process.stderr.write(
        `Unknown benchmark "${name}". Available: ${Object.keys(BENCHMARKS).join(', ')}, all\n`,
      );
      process.exitCode = 2;
      return;
    }
    await benchmark();
  }
}

void main();
