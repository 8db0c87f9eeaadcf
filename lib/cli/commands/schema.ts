import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ExitCode } from '../../errors';
import { MANIFEST_SCHEMA_FILE, manifestJsonSchemaText } from '../../manifest/json-schema';
import type { Command } from '../command';
import { projectRoot } from '../project';

/** `datatask schema`: writes manifest.schema.json (the JSON Schema editors use) at the project root, or with `--check` compares. */
export const schemaCommand: Command = {
  name: 'schema',
  summary: `regenerate ${MANIFEST_SCHEMA_FILE} from the zod schema (--check: exit 1 when it is out of date)`,
  options: { check: { type: 'boolean', default: false } },
  optionHelp: `  --check           write nothing; exit 1 when ${MANIFEST_SCHEMA_FILE} is missing or out of date`,
  run(values, io, app) {
    const file = path.join(projectRoot(app.main, io.cwd), MANIFEST_SCHEMA_FILE);
    const expected = manifestJsonSchemaText();
    const current = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    if (current === expected) {
      io.stdout(`${MANIFEST_SCHEMA_FILE} is up to date\n`);
      return ExitCode.OK;
    }
    if (values.check === true) {
      io.stderr(`error: ${MANIFEST_SCHEMA_FILE} ${current === undefined ? 'is missing' : 'is out of date'}: run \`npm run schema\` and commit the result\n`);
      return ExitCode.INVALID_INPUT;
    }
    const temporary = `${file}.tmp-${process.pid}`;
    writeFileSync(temporary, expected);
    renameSync(temporary, file);
    io.stdout(`wrote ${MANIFEST_SCHEMA_FILE}\n`);
    return ExitCode.OK;
  },
};
