import { Logger } from '@aws-lambda-powertools/logger';

/**
 * One structured JSON logger per container. Locally `POWERTOOLS_DEV=true` pretty-prints the same
 * records. Personal data never goes into a log line: log ids and pseudonyms only.
 */
export const logger = new Logger({ serviceName: 'firstline' });
