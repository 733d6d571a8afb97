import { spawn } from 'node:child_process';
import path from 'node:path';
import { findProjectRoot } from '../src/core/config/config';

const LOGGER = path.join(findProjectRoot(__dirname), 'dist', 'src', 'core', 'logging', 'logger.js');

/**
 * The ready banner must follow every log line written before it, also when the reader of stdout
 * is slow (a pipe that fills up, as under a busy test runner). The built module runs in a child
 * process whose stdout this test leaves unread for a moment.
 */
function childOutput(): Promise<string[]> {
  const script = `
    const { createLogger, writeAfterLogs } = require(${JSON.stringify(LOGGER)});
    const logger = createLogger('info');
    for (let i = 0; i < 20000; i++) logger.info({ i, pad: 'x'.repeat(100) }, 'line');
    writeAfterLogs(logger, 'BANNER\\n');`;
  const child = spawn(process.execPath, ['-e', script]);
  let output = '';
  child.stdout.pause();
  setTimeout(() => child.stdout.resume(), 300);
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  return new Promise((resolve) => {
    child.on('close', () => resolve(output.trim().split('\n')));
  });
}

it('writes text after every line logged before it, even while stdout is not read', async () => {
  const lines = await childOutput();
  expect(lines).toHaveLength(20001);
  expect(lines.at(-1)).toBe('BANNER');
}, 60_000);
