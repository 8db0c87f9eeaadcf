import type { Customize } from '../customize';
import { type Rendered, type RenderRun, renderStage } from '../synth';

/**
 * Renders the working tree's tasks in memory through the render stage
 * (lib/synth.ts), the platform hooks included, so that what a hook adds is
 * reviewed too; writes nothing and uses no render cache (a review compares
 * with a git ref, not with the output folder). A tasks folder without
 * manifests renders nothing (a review of removing every task).
 */
export function renderWorkingTree(input: Pick<RenderRun, 'tasksDir' | 'settings' | 'environments' | 'only' | 'cwd' | 'customResources' | 'pins' | 'settingsFile'> & { readonly customize: readonly Customize[] }): Rendered {
  return renderStage({ ...input, allowEmpty: true });
}
