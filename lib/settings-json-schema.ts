import * as z from './zod';
import { settingsSchema } from './settings';

/** The JSON Schema of datatask.settings.json, beside manifest.schema.json: editors complete and check the settings file with it. */
export const SETTINGS_SCHEMA_FILE = 'settings.schema.json';

/**
 * The settings file's JSON Schema, from the one zod schema (lib/settings.ts),
 * as the file is written (input: defaults optional). Rules zod checks in code
 * (time zone names, CRD paths) are not in it: synth reports them, located.
 */
export function settingsJsonSchemaText(): string {
  const schema = z.toJSONSchema(settingsSchema, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify({ ...schema, title: 'datatask-cdk8s settings (datatask.settings.json)' }, null, 2)}\n`;
}
