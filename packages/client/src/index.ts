export * from './client.ts';
export * from './routes.ts';
