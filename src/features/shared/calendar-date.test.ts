import { isCalendarDate } from './calendar-date';

describe('isCalendarDate', () => {
  it.each(['2024-02-29', '2023-12-31', '1999-01-01'])('accepts the day %s', (value) => {
    expect(isCalendarDate(value)).toBe(true);
  });

  it.each([
    ['a day February does not have', '2024-02-30'],
    ['February 29 outside a leap year', '2023-02-29'],
    ['month 13', '2025-13-01'],
    ['a date-time', '2024-02-01T10:00:00Z'],
    ['a week date', '2024-W05-1'],
    ['an unpadded day', '2024-2-1'],
    ['text around a date', ' 2024-02-01'],
    ['a number', 20240201],
    ['nothing', null],
  ])('refuses %s', (_name, value) => {
    expect(isCalendarDate(value)).toBe(false);
  });
});
