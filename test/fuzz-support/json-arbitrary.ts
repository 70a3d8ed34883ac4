import fc from 'fast-check';

/** The subset of JSON Schema (draft 2020-12) that zod's `toJSONSchema` emits for the route contracts. */
export interface JsonSchema {
  readonly type?: string;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | JsonSchema;
  readonly items?: JsonSchema;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly format?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly enum?: readonly unknown[];
  readonly anyOf?: readonly JsonSchema[];
  readonly default?: unknown;
}

/** A domain-aware arbitrary for a property (by name; array items are `name[]`), or undefined for the schema's own. */
export type Overrides = (name: string, schema: JsonSchema) => fc.Arbitrary<unknown> | undefined;

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/** ISO 8601 instants with an explicit offset, around the present (what scanners and apps send). */
export const instantArbitrary: fc.Arbitrary<string> = fc
  .tuple(
    fc.date({ min: new Date('2019-06-01T00:00:00Z'), max: new Date('2031-01-01T00:00:00Z'), noInvalidDate: true }),
    fc.constantFrom(0, 480, -300, 330, 840, -720),
    fc.boolean(),
  )
  .map(([date, offsetMinutes, millis]) => {
    const local = new Date(date.getTime() + offsetMinutes * 60_000).toISOString();
    const text = millis ? local.slice(0, 23) : local.slice(0, 19);
    if (offsetMinutes === 0) return `${text}Z`;
    const sign = offsetMinutes < 0 ? '-' : '+';
    return `${text}${sign}${pad(Math.trunc(offsetMinutes / 60))}:${pad(offsetMinutes % 60)}`;
  });

/** Calendar days `YYYY-MM-DD`, mostly recent (so reports have something to read). */
export const dayArbitrary: fc.Arbitrary<string> = fc
  .date({ min: new Date('2019-06-01T00:00:00Z'), max: new Date('2031-01-01T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? Math.max(min, 24);
  if (schema.format === 'date-time') return fc.oneof({ weight: 9, arbitrary: instantArbitrary }, { weight: 1, arbitrary: fc.stringMatching(new RegExp(schema.pattern ?? '^$')) });
  if (schema.format === 'date') return fc.oneof({ weight: 9, arbitrary: dayArbitrary }, { weight: 1, arbitrary: fc.stringMatching(new RegExp(schema.pattern ?? '^$')) });
  if (schema.pattern !== undefined) {
    return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length >= min && s.length <= max);
  }
  return fc.string({ minLength: min, maxLength: Math.min(max, Math.max(min, 24)), unit: 'grapheme' })
    .filter((s) => s.length >= min && s.length <= max && s.trim().length >= Math.min(min, 1));
}

/**
 * An arbitrary of values that satisfy `schema` (as far as JSON Schema says: refinements zod could not
 * express are the caller's to fix up or to check with the zod schema itself).
 */
export function arbitraryOf(schema: JsonSchema, overrides: Overrides, name = ''): fc.Arbitrary<unknown> {
  const custom = overrides(name, schema);
  if (custom) return custom;
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((s) => arbitraryOf(s, overrides, name)));
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1_000_000, max: schema.maximum ?? 1_000_000 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? 4, 4));
      return fc.array(arbitraryOf(schema.items ?? {}, overrides, `${name}[]`), { minLength, maxLength });
    }
    case 'object': {
      const properties = schema.properties ?? {};
      const model = Object.fromEntries(Object.entries(properties).map(([key, s]) => [key, arbitraryOf(s, overrides, key)]));
      return fc.record(model, { requiredKeys: [...(schema.required ?? [])] }) as fc.Arbitrary<unknown>;
    }
    default:
      return fc.oneof(fc.string(), fc.integer(), fc.boolean());
  }
}

/** The schema a JSON path points into (the first non-null branch of an `anyOf`), if the schema says. */
export function schemaAt(schema: JsonSchema | undefined, path: readonly (string | number)[]): JsonSchema | undefined {
  let current = schema;
  for (const step of path) {
    if (!current) return undefined;
    if (current.anyOf) current = current.anyOf.find((s) => s.type !== 'null');
    if (!current) return undefined;
    current = typeof step === 'number' ? current.items : current.properties?.[step];
  }
  if (current?.anyOf) return current.anyOf.find((s) => s.type !== 'null') ?? current;
  return current;
}
