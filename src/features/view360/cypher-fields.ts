/**
 * Turns a Cypher projection list (`a.id AS id, b AS b, count(c) AS n`) into a map literal
 * (`{id: a.id, b: b, n: count(c)}`), so that the field lists repositories use for their rows can
 * build the same records inside a larger query (as list elements). Commas inside brackets, braces,
 * parentheses and strings do not split; an item without AS must be a plain variable.
 */
export function fieldsAsMap(fields: string): string {
  return `{${splitTopLevel(fields).map(asEntry).join(', ')}}`;
}

function asEntry(item: string): string {
  const aliased = /^([\s\S]+?)\s+AS\s+([A-Za-z_][A-Za-z0-9_]*)$/i.exec(item);
  if (aliased !== null) return `${aliased[2]}: ${(aliased[1] ?? '').trim()}`;
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(item)) return `${item}: ${item}`;
  throw new Error(`Not a projection item with a name: ${item}`);
}

function splitTopLevel(fields: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let index = 0; index < fields.length; index += 1) {
    const char = fields[index];
    if (quote !== null) {
      if (char === '\\') index += 1;
      else if (char === quote) quote = null;
      continue;
    }
    if (char === "'" || char === '"' || char === '`') quote = char;
    else if (char === '(' || char === '[' || char === '{') depth += 1;
    else if (char === ')' || char === ']' || char === '}') depth -= 1;
    else if (char === ',' && depth === 0) {
      items.push(fields.slice(start, index).trim());
      start = index + 1;
    }
  }
  items.push(fields.slice(start).trim());
  return items.filter((item) => item !== '');
}
