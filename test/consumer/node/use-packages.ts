// A Node 20 project without the DOM library: every Node-side entry type-checks.
import { createClient, WeerbaarApiError, type WeerbaarClient } from '@weerbaar/sdk';
import { createHandlerClient } from '@weerbaar/sdk/handler';
import { openReportContent, type PrivateKeyJwk } from '@weerbaar/sdk/crypto';
import type { OperationId } from '@weerbaar/spec';
import { runConformance, PROFILE_IDS } from '@weerbaar/conformance';
import { loadConfig, type ServerConfig } from '@weerbaar/server';

const client: WeerbaarClient = createClient({ baseUrl: 'https://meld.voorbeeldstad.nl/v1', locale: 'nl' });
const handler = createHandlerClient({ baseUrl: 'https://meld.voorbeeldstad.nl/v1', token: 'wbh_example' });
const key: PrivateKeyJwk = { kty: 'EC', crv: 'P-256', x: 'x', y: 'y', d: 'd' };
const operation: OperationId = 'getDiscovery';
const config: ServerConfig = loadConfig({});

export const used = [client, handler, key, operation, config, runConformance, PROFILE_IDS, openReportContent, WeerbaarApiError];
