import { ndjsonLines } from './ndjson-lines';

async function collect(chunks: string[], max = 10) {
  const lines = [];
  for await (const line of ndjsonLines(
    chunks.map((chunk) => Buffer.from(chunk)),
    max,
  )) {
    lines.push(line);
  }
  return lines;
}

describe('ndjsonLines', () => {
  it('numbers lines across chunk borders and skips blank ones', async () => {
    expect(await collect(['{"a"', ':1}\n\n  \n{"b":2}\r\n{"c"', ':3}'])).toEqual([
      { line: 1, text: '{"a":1}' },
      { line: 4, text: '{"b":2}' },
      { line: 5, text: '{"c":3}' },
    ]);
  });

  it('reports an oversized line by number and size, and goes on with the next', async () => {
    expect(await collect(['{"a":"0123', '456789"}\n{"b":2}\n'])).toEqual([
      { line: 1, oversized: true, bytes: 18 },
      { line: 2, text: '{"b":2}' },
    ]);
  });
});
