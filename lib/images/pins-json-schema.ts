import * as z from '../zod';
import { pinsSchema } from './pins';

/**
 * The text of pins.schema.json (`npm run schema`, checked by `schema
 * --check`): the JSON Schema of pins files, generated from the zod schema
 * (lib/images/pins.ts `pinsSchema`) and its `.meta()` keywords, as the file
 * is written (`io: 'input'`). Rules only the reader checks (the digest's
 * exact form, a pin's task and repository) are synth's, located.
 */
export function pinsJsonSchemaText(): string {
  return `${JSON.stringify(z.toJSONSchema(pinsSchema, { io: 'input', unrepresentable: 'any' }), null, 2)}\n`;
}
