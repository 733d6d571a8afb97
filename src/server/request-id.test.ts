import { requestIdFrom } from './request-id';

describe('requestIdFrom', () => {
  it('keeps a safe caller id', () => {
    expect(requestIdFrom('abc-123_def.456')).toBe('abc-123_def.456');
  });

  it.each([undefined, 'short', 'has spaces in it', 'x'.repeat(200), '<script>alert(1)</script>'])(
    'replaces %p with a fresh UUID',
    (header) => {
      expect(requestIdFrom(header)).toMatch(/^[0-9a-f-]{36}$/);
    },
  );
});
