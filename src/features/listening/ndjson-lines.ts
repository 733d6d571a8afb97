/** One line of an NDJSON stream, or the note that it was too long to keep. */
export type NdjsonLine =
  | { line: number; text: string }
  | { line: number; oversized: true; bytes: number };

/**
 * Splits a byte stream into lines without ever holding more than `maxLineBytes` of one line:
 * the rest of an oversized line is counted and dropped, so one huge post cannot exhaust memory.
 * Lines are numbered from 1; blank lines are skipped but counted.
 */
export async function* ndjsonLines(
  source: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  maxLineBytes: number,
): AsyncGenerator<NdjsonLine> {
  let parts: Buffer[] = [];
  let kept = 0;
  let dropped = 0;
  let line = 0;
  const finish = (): NdjsonLine | null => {
    line += 1;
    const total = kept + dropped;
    const result: NdjsonLine | null =
      dropped > 0
        ? { line, oversized: true, bytes: total }
        : total === 0
          ? null
          : { line, text: Buffer.concat(parts).toString('utf8').replace(/\r$/, '') };
    parts = [];
    kept = 0;
    dropped = 0;
    return result !== null && 'text' in result && result.text.trim() === '' ? null : result;
  };
  const take = (chunk: Buffer) => {
    const room = maxLineBytes - kept;
    if (dropped === 0 && chunk.length <= room) {
      parts.push(chunk);
      kept += chunk.length;
    } else {
      // Oversized: free what was kept and only count from here on.
      dropped += kept + chunk.length;
      kept = 0;
      parts = [];
    }
  };
  for await (const raw of source) {
    let chunk = typeof raw === 'string' ? Buffer.from(raw) : raw;
    for (;;) {
      const newline = chunk.indexOf(0x0a);
      if (newline === -1) break;
      take(chunk.subarray(0, newline));
      const result = finish();
      if (result !== null) yield result;
      chunk = chunk.subarray(newline + 1);
    }
    if (chunk.length > 0) take(chunk);
  }
  if (kept + dropped > 0) {
    const result = finish();
    if (result !== null) yield result;
  }
}
