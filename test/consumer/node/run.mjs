// The packages at run time in plain Node, and what `require()` of an ESM-only package says.
import { createRequire } from 'node:module';
import { createClient } from '@weerbaar/sdk';
import { SpecValidator } from '@weerbaar/spec/validation';
import { PROFILE_IDS } from '@weerbaar/conformance';
import { loadConfig } from '@weerbaar/server';

if (typeof createClient({ baseUrl: 'https://meld.voorbeeldstad.nl/v1' }).discover !== 'function') throw new Error('no client');
if (!new SpecValidator()) throw new Error('no validator');
if (!PROFILE_IDS.includes('core')) throw new Error('no profiles');
if (loadConfig({}).port === undefined) throw new Error('no config');

// Node 20 cannot require() ES modules (22.12 and later can): it must say so, not claim the entry is missing.
try {
  createRequire(import.meta.url)('@weerbaar/sdk');
} catch (error) {
  if (error.code === 'ERR_PACKAGE_PATH_NOT_EXPORTED') throw new Error(`require('@weerbaar/sdk') reads as a broken package: ${error.message}`);
}
console.log('the packages run in Node');
