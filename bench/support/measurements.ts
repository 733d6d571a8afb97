import { readFileSync } from 'node:fs';

/** Nearest-rank percentile of durations in milliseconds. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

/** Peak resident memory of a process in MiB, from /proc (Linux); null elsewhere. */
export function peakRssMiB(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    return match?.[1] === undefined ? null : Number(match[1]) / 1024;
  } catch {
    return null;
  }
}

export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await work();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

export interface ResultRow {
  name: string;
  samples: readonly number[];
  /** Operations per second, where the benchmark measures throughput. */
  throughput?: number;
  peakRssMiB?: number | null;
}

function cell(value: number | null | undefined, digits = 0): string {
  return value === null || value === undefined || Number.isNaN(value) ? '-' : value.toFixed(digits);
}

/** Prints the benchmark's figures as a fixed-width table on stdout. */
export function printTable(title: string, rows: readonly ResultRow[]): void {
  const header = ['case', 'runs', 'p50 ms', 'p95 ms', 'p99 ms', 'ops/s', 'peak RSS MiB'];
  const lines = rows.map((row) => [
    row.name,
    String(row.samples.length),
    cell(percentile(row.samples, 50)),
    cell(percentile(row.samples, 95)),
    cell(percentile(row.samples, 99)),
    cell(row.throughput, 1),
    cell(row.peakRssMiB),
  ]);
  const { widths, format } = columns(header, lines);
  process.stdout.write(
    `\n${title}\n${format(header)}\n${widths.map((width) => '-'.repeat(width)).join('  ')}\n`,
  );
  for (const line of lines) process.stdout.write(`${format(line)}\n`);
}

/**
 * Fixed-width columns for a table: the first left-aligned, the others right-aligned, each as wide
 * as its widest cell.
 */
export function columns(
  header: readonly string[],
  lines: readonly (readonly string[])[],
): { widths: number[]; format: (line: readonly string[]) => string } {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => line[column]?.length ?? 0)),
  );
  const format = (line: readonly string[]) =>
    line
      .map((value, column) =>
        column === 0 ? value.padEnd(widths[column] ?? 0) : value.padStart(widths[column] ?? 0),
      )
      .join('  ');
  return { widths, format };
}
