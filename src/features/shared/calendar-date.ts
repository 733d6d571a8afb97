import { isISO8601, ValidateBy, type ValidationOptions } from 'class-validator';

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A day as Neo4j's `date()` reads it: `YYYY-MM-DD`, and one that exists. The pattern alone lets
 * 2024-02-30 through, which `date()` then refuses inside the write: an internal error instead of
 * a clear one.
 */
export function isCalendarDate(value: unknown): value is string {
  return (
    typeof value === 'string' && CALENDAR_DATE.test(value) && isISO8601(value, { strict: true })
  );
}

/** Validates an input field with `isCalendarDate`: "<field> must be a real date YYYY-MM-DD". */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value) => isCalendarDate(value),
        defaultMessage: (args) => `${args?.property ?? 'value'} must be a real date YYYY-MM-DD`,
      },
    },
    options,
  );
}
