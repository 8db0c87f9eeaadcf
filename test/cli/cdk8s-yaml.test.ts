import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { CDK8S_CLI_OUTPUT } from '../../lib/output/cdk8s-outdir';

test('the app knows the output folder cdk8s.yaml gives the cdk8s CLI, and the command it runs', () => {
  const config = parse(fs.readFileSync(path.join(__dirname, '../../cdk8s.yaml'), 'utf8')) as { app: string; output: string };
  expect(config.output).toBe(CDK8S_CLI_OUTPUT);
  expect(config.app).toBe('node bin/datatask.js synth');
});
