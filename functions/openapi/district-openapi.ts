import { openApiHandler } from '@firstline/http';
import { districtService } from '@firstline/service';

export const handler = openApiHandler(districtService);
