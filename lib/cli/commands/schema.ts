import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ExitCode } from '../../errors';
import { MANIFEST_SCHEMA_FILE, manifestJsonSchemaText } from '../../manifest/json-schema';
import { OVERLAY_SCHEMA_FILE, overlayJsonSchemaText } from '../../manifest/overlay-json-schema';
import { SETTINGS_SCHEMA_FILE, settingsJsonSchemaText } from '../../settings-json-schema';
import { PINS_SCHEMA_FILE } from '../../images/pins';
import { pinsJsonSchemaText } from '../../images/pins-json-schema';
import type { Command } from '../command';
import { projectRoot } from '../project';

/** The generated JSON Schemas editors use, at the project root: each file and its text. */
function schemaFiles(): readonly (readonly [string, string])[] {
  return [
    [MANIFEST_SCHEMA_FILE, manifestJsonSchemaText()],
    [OVERLAY_SCHEMA_FILE, overlayJsonSchemaText()],
    [SETTINGS_SCHEMA_FILE, settingsJsonSchemaText()],
    [PINS_SCHEMA_FILE, pinsJsonSchemaText()],
  ];
}

/** `datatask schema`: writes manifest.schema.json, manifest.overlay.schema.json, settings.schema.json and pins.schema.json at the project root, or with `--check` compares. */
export const schemaCommand: Command = {
  name: 'schema',
  summary: `regenerate ${MANIFEST_SCHEMA_FILE}, ${OVERLAY_SCHEMA_FILE}, ${SETTINGS_SCHEMA_FILE} and ${PINS_SCHEMA_FILE} from the zod schemas (--check: exit 1 when one is out of date)`,
  options: { check: { type: 'boolean', default: false } },
  optionHelp: `  --check           write nothing; exit 1 when ${MANIFEST_SCHEMA_FILE}, ${OVERLAY_SCHEMA_FILE},\n                    ${SETTINGS_SCHEMA_FILE} or ${PINS_SCHEMA_FILE} is missing or out of date`,
  run(values, io, app) {
    let code: number = ExitCode.OK;
    for (const [name, expected] of schemaFiles()) {
      const file = path.join(projectRoot(app.main, io.cwd), name);
      const current = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
      if (current === expected) {
        io.stdout(`${name} is up to date\n`);
        continue;
      }
      if (values.check === true) {
        io.stderr(`error: ${name} ${current === undefined ? 'is missing' : 'is out of date'}: run \`npm run schema\` and commit the result\n`);
        code = ExitCode.INVALID_INPUT;
        continue;
      }
      const temporary = `${file}.tmp-${process.pid}`;
      writeFileSync(temporary, expected);
      renameSync(temporary, file);
      io.stdout(`wrote ${name}\n`);
    }
    return code;
  },
};
