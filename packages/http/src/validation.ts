import type * as z from 'zod';
import type { ErrorDetail } from './errors.ts';

/** zod issues as API.md's `details`: a dotted path (`scans.0.temperatureC`) and a message. */
export function validationDetails(error: z.ZodError): ErrorDetail[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}
