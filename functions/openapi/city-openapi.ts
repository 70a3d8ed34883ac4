import { openApiHandler } from '@firstline/http';
import { cityService } from '@firstline/service';

export const handler = openApiHandler(cityService);
