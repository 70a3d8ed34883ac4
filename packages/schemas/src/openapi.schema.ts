import * as z from 'zod';

/**
 * `GET /openapi.json`: an OpenAPI 3.1 document. Only what every generator reads first is pinned;
 * the rest is OpenAPI's own schema, which the tests check with a real linter.
 */
export const apiDocument = z.looseObject({
  openapi: z.string().regex(/^3\.1\.\d+$/),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  servers: z.array(z.looseObject({ url: z.string(), description: z.string().optional() })).min(1),
  paths: z.record(z.string().startsWith('/'), z.record(z.string(), z.unknown())),
  components: z.record(z.string(), z.unknown()),
});
export type ApiDocument = z.infer<typeof apiDocument>;
