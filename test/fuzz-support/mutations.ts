import fc from 'fast-check';
import type { JsonSchema } from './json-arbitrary.ts';
import { schemaAt } from './json-arbitrary.ts';

/** JSON text spliced in verbatim: tokens JSON.stringify cannot write (`1e999`, `-0`) and deep nesting. */
export class RawJson {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

export type Json = null | boolean | number | string | RawJson | Json[] | { [key: string]: Json };
export type JsonPath = readonly (string | number)[];

const isObject = (v: unknown): v is { [key: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof RawJson);

/** JSON text of a value with `RawJson` parts; keys such as `__proto__` stay own data keys. */
export function serialize(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(serialize).join(',')}]`;
  if (isObject(value)) return `{${Object.keys(value).map((k) => `${JSON.stringify(k)}:${serialize(value[k])}`).join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

/** Every node of a value with its path, the root first. */
export function nodes(value: Json, path: JsonPath = []): { path: JsonPath; value: Json }[] {
  const here = [{ path, value }];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => nodes(v, [...path, i]))];
  if (isObject(value)) return [...here, ...Object.keys(value).flatMap((k) => nodes(value[k]!, [...path, k]))];
  return here;
}

/** An own data property, even for `__proto__` (assignment would set the prototype instead). */
function define(target: { [key: string]: Json }, key: string, value: Json): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function copy(value: Json): Json {
  if (Array.isArray(value)) return [...value];
  if (isObject(value)) {
    const out: { [key: string]: Json } = {};
    for (const k of Object.keys(value)) define(out, k, value[k]!);
    return out;
  }
  return value;
}

/** `root` with the node at `path` replaced by `f(node)`; `undefined` from `f` removes it. */
export function updateAt(root: Json, path: JsonPath, f: (node: Json) => Json | undefined): Json {
  if (path.length === 0) return f(root) ?? null;
  const [step, ...rest] = path;
  const parent = copy(root);
  if (Array.isArray(parent) && typeof step === 'number') {
    const replaced = rest.length === 0 ? f(parent[step]!) : updateAt(parent[step]!, rest, f);
    if (replaced === undefined) parent.splice(step, 1);
    else parent[step] = replaced;
  } else if (isObject(parent) && typeof step === 'string') {
    const replaced = rest.length === 0 ? f(parent[step]!) : updateAt(parent[step]!, rest, f);
    if (replaced === undefined) delete parent[step];
    else define(parent, step, replaced);
  }
  return parent;
}

export const specialStrings: readonly string[] = [
  '', ' ', '   ', '\t', '\n', '\r\n', '\u0000', 'a\u0000b', '\u200b', '\u202etxt.exe', '\ufeff', '\u00a0', '\ud800', '\udfff', 'x\ud83d',
  '😷🦠💉', '👨‍👩‍👧‍👦', 'e\u0301', 'Ａ１２３', '١٢٣', '𝟏𝟐𝟑', '张三丰', 'ﷺ', 'İ', 'ß', '\u{10ffff}',
  '#', 'G#g1#2020-01-01', 'DEL#x', 'p_', '..', '../../etc/passwd', '%00', '%2F', '${jndi:ldap://x}', "' OR '1'='1", '<script>alert(1)</script>',
  '{"a":1}', '[]', 'null', 'undefined', 'NaN', 'Infinity', '-Infinity', '-0', '1e3', '0x1F', ' 37.5', '37,5', '1_000', 'true',
  '2020-02-30', '2020-13-01', '2021-02-29', '0000-00-00', '9999-12-31', '+275760-09-13', '2020-01-01T25:00:00Z', '2020-01-01T00:00:00',
  '2020-01-01 00:00:00+08:00', '2020-01-01T00:00:00+24:00', '2020-01-01T00:00:60Z', '1584000000', 'Asia/Shanghai', 'Mars/Olympus', '+08:00',
];

/** Numbers at and past the edges, as JSON text (some are not expressible by JSON.stringify). */
export const boundaryNumbers: readonly Json[] = [
  0, -1, 1, 0.5, -0.5, 33.99, 34, 43, 43.01, 37.3, 100, 101, 1000, 1001, 1_000_000, 1_000_001, 2 ** 31, -(2 ** 31), 2 ** 53, -(2 ** 53),
  Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, Number.EPSILON,
  new RawJson('-0'), new RawJson('1e999'), new RawJson('-1e999'), new RawJson('1e-999'), new RawJson('9007199254740993'),
  new RawJson('1.0'), new RawJson('1E2'), new RawJson('0.0000000000000000000000001'), new RawJson('123456789012345678901234567890'),
];

const wrongTypeValues: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, true, false, 0, -1, '', [], {}, [null], { '': null }),
  fc.integer().map((n): Json => n),
  fc.double().map((n): Json => (Number.isFinite(n) ? n : new RawJson(String(n).includes('-') ? '-1e999' : '1e999'))),
  fc.string().map((s): Json => s),
  fc.array(fc.string(), { maxLength: 3 }).map((a): Json => a),
);

const extraKeys = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '', ' ', '\u0000', '𝕏', 'scans.0', '$where', 'pk', 'sk', 'gsi1pk', 'expiresAt', 'id '),
  fc.string({ minLength: 1, maxLength: 12 }),
  fc.integer({ min: 100, max: 5_000 }).map((n) => 'k'.repeat(n)),
);

/** A deeply nested array or object, as text (the test process never builds it as a value). */
export const deepNesting: fc.Arbitrary<RawJson> = fc.tuple(fc.integer({ min: 64, max: 40_000 }), fc.boolean()).map(([depth, arrays]) =>
  arrays ? new RawJson('['.repeat(depth) + ']'.repeat(depth)) : new RawJson('{"a":'.repeat(depth) + '1' + '}'.repeat(depth)));

/** One edit of one node, with a label for the statistics. */
export interface Mutated {
  readonly value: Json;
  readonly label: string;
}

function boundaryEdits(schema: JsonSchema | undefined, node: Json): Json[] {
  if (!schema) return [];
  const out: Json[] = [];
  const filler = schema.pattern?.includes('\\d') && !schema.pattern.includes('A-Z') ? '1' : 'a';
  if (schema.type === 'string' && schema.format === undefined) {
    if (schema.minLength !== undefined && schema.minLength > 0) out.push(filler.repeat(schema.minLength - 1));
    if (schema.maxLength !== undefined) out.push(filler.repeat(schema.maxLength + 1));
    if (schema.pattern !== undefined && typeof node === 'string') out.push(` ${node}`, `${node}#`, `-${node}`, `${node}\n`, node.toUpperCase() === node ? `${node}é` : node.toUpperCase());
  }
  if (schema.type === 'integer' || schema.type === 'number') {
    if (schema.minimum !== undefined) out.push(schema.type === 'integer' ? schema.minimum - 1 : schema.minimum - 1e-9, schema.minimum - 0.5);
    if (schema.maximum !== undefined) out.push(schema.type === 'integer' ? schema.maximum + 1 : schema.maximum + 1e-9, schema.maximum + 0.5);
    if (schema.type === 'integer') out.push(1.5, new RawJson('1.0000000000000002'));
    out.push(String(node));
  }
  if (schema.enum) out.push(...schema.enum.flatMap((e) => (typeof e === 'string' ? [e.toUpperCase(), ` ${e}`, `${e}s`, ''] : [])));
  if (schema.type === 'array' && Array.isArray(node)) {
    if ((schema.minItems ?? 0) > 0) out.push([]);
    if (schema.maxItems !== undefined && schema.maxItems <= 2_000 && node.length > 0) {
      out.push(Array.from({ length: schema.maxItems + 1 }, (_, i) => node[i % node.length]!));
    }
  }
  if (schema.type === 'boolean') out.push('true', 1, 0, 'yes');
  if (schema.format === 'date' || schema.format === 'date-time') out.push(...specialStrings.filter((s) => /^[0-9+]/.test(s)));
  return out;
}

/**
 * An arbitrary edit of `seed`: drop a field, change a type, a huge or odd string, an edge number,
 * an extra key, deep nesting, an array for an object (or the other way round), or a value just past
 * a bound that the schema declares.
 */
export function mutation(seed: Json, schema: JsonSchema | undefined): fc.Arbitrary<Mutated> {
  const all = nodes(seed);
  return fc.integer({ min: 0, max: all.length - 1 }).chain((index) => {
    const { path, value: node } = all[index]!;
    const at = (label: string, replacement: fc.Arbitrary<Json | undefined>) =>
      replacement.map((r): Mutated => ({ value: updateAt(seed, path, () => r), label }));
    const options: { weight: number; arbitrary: fc.Arbitrary<Mutated> }[] = [
      { weight: 4, arbitrary: at('wrong-type', wrongTypeValues) },
      { weight: 2, arbitrary: at('odd-string', fc.oneof(fc.constantFrom(...specialStrings), fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 40 }))) },
      { weight: 1, arbitrary: at('huge-string', fc.tuple(fc.integer({ min: 1_000, max: 120_000 }), fc.constantFrom('x', '9', 'é', '字', '😷', ' ')).map(([n, c]) => c.repeat(n))) },
      { weight: 2, arbitrary: at('edge-number', fc.constantFrom(...boundaryNumbers)) },
      { weight: 1, arbitrary: at('deep-nesting', deepNesting) },
    ];
    if (path.length > 0) options.push({ weight: 4, arbitrary: at('drop-field', fc.constant(undefined)) });
    const bounds = boundaryEdits(schemaAt(schema, path), node);
    if (bounds.length > 0) options.push({ weight: 5, arbitrary: at('past-bound', fc.constantFrom(...bounds)) });
    if (isObject(node)) {
      options.push({
        weight: 3,
        arbitrary: fc.tuple(extraKeys, wrongTypeValues).map(([key, v]): Mutated => ({
          value: updateAt(seed, path, (n) => {
            const out = copy(n) as { [key: string]: Json };
            define(out, key, v);
            return out;
          }),
          label: 'extra-key',
        })),
      });
      options.push({ weight: 1, arbitrary: at('array-for-object', fc.constantFrom<Json>([node], Object.values(node), [])) });
    }
    if (Array.isArray(node)) options.push({ weight: 1, arbitrary: at('object-for-array', fc.constant<Json>(Object.fromEntries(node.map((v, i) => [String(i), v])))) });
    return fc.oneof(...options);
  });
}

/** One to three edits in a row; the labels joined. */
export function mutations(seed: Json, schema: JsonSchema | undefined): fc.Arbitrary<Mutated> {
  const step = (m: Mutated, left: number): fc.Arbitrary<Mutated> => (left === 0
    ? fc.constant(m)
    : mutation(m.value, schema).chain((next) => step({ value: next.value, label: m.label ? `${m.label}+${next.label}` : next.label }, left - 1)));
  return fc.integer({ min: 1, max: 3 }).chain((n) => step({ value: seed, label: '' }, n));
}

/** Broken JSON text made from a valid one: truncated, trailing commas, comments, single quotes, BOM, NaN… */
export function brokenJson(text: string): fc.Arbitrary<{ text: string; label: string }> {
  return fc.oneof(
    fc.integer({ min: 0, max: Math.max(text.length - 1, 0) }).map((n) => ({ text: text.slice(0, n), label: 'truncated' })),
    fc.constant({ text: text.replace(/}$/, ',}'), label: 'trailing-comma' }),
    fc.constant({ text: text.replace(/"/g, "'"), label: 'single-quotes' }),
    fc.constant({ text: `/* comment */${text}`, label: 'comment' }),
    fc.constant({ text: `\ufeff${text}`, label: 'bom' }),
    fc.constant({ text: `${text}${text}`, label: 'two-documents' }),
    fc.constant({ text: text.replace(/:/, ':NaN,"x":'), label: 'nan-token' }),
    fc.constant({ text: text.replace(/"([^"]*)":/g, '$1:'), label: 'unquoted-keys' }),
    fc.constant({ text: text.replace(/"$/, '\n"'), label: 'raw-control' }),
    fc.constantFrom('{', '}', '[', '{"a"', '{"a":}', '{,}', '{"a":1,,"b":2}', 'undefined', '{"a":undefined}', '\u0000', '{"a":"\\u12"}', '{"a":"\\x41"}', '{"a":01}', '{"a":.5}', '{"a":+1}', '{"a":1.}', '{"a":0x10}', '\'\'', 'nul', '{"a":"b"]', 'Infinity')
      .map((t) => ({ text: t, label: 'garbage' })),
  );
}

/** Bodies that are valid JSON but not an object at the root. */
export const nonObjectRoots: fc.Arbitrary<string> = fc.constantFrom('null', 'true', 'false', '0', '-1', '1e999', '""', '"{}"', '[]', '[{}]', '[null]', '{}', '  {}  ', '\n');
