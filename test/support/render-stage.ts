import { customize } from '../../main';
import { type Rendered, renderStage } from '../../lib/synth';
import type { Environment, Settings } from '../../lib/project-settings';

/** The render stage as `npm run synth` runs it (main.ts's hooks), without a render cache and allowing an empty tasks folder. */
export function synthesize(input: { readonly tasksDir: string; readonly settings: Settings; readonly cwd: string; readonly environments?: readonly Environment[] }): Rendered {
  return renderStage({ ...input, customize, allowEmpty: true });
}
