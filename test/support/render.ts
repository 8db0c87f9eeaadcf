import { formatDiagnostic } from '../../lib/diagnostics/diagnostic';
import { ManifestLoader } from '../../lib/manifest/load';
import { renderTask } from './render-task';
import { settingsSchema } from '../../lib/settings';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/project-settings';
import { parseAllDocuments } from 'yaml';
import { expectValidKubernetesObjects } from './kube-schema';

/** A manifest for tests: the published flask service of the format's own example, with overrides. */
export function manifest(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    labels: 'app:flask',
    type: 'service',
    name: 'app-flask',
    'image-source': 'quay.io/gilles/flask-team:1.0',
    'name-port': 'app-port',
    'container-port': 5000,
    ...overrides,
  };
}

/** Settings for tests: the defaults with overrides, validated like the settings file. */
export function settings(overrides: Record<string, unknown> = {}): Settings {
  return Object.keys(overrides).length === 0 ? DEFAULT_SETTINGS : settingsSchema.parse(overrides);
}

/**
 * Renders one manifest as synth would, reads the YAML back (as YAML 1.1,
 * like kubectl and Argo CD) and checks every object against the strict
 * Kubernetes 1.27 / Mapping CRD schema. Throws on diagnostics.
 */
export function render(m: Record<string, unknown>, s: Settings = DEFAULT_SETTINGS): { yaml: string; objects: any[] } {
  const loaded = new ManifestLoader(s).load('tasks/t/manifest.json', JSON.stringify(m, null, 2), 'tasks/t/manifest.json');
  if (loaded.task === undefined) throw new Error(loaded.diagnostics.map(formatDiagnostic).join('\n'));
  const file = renderTask(loaded.task.task, s, 'tasks/t/manifest.json');
  const objects = parseAllDocuments(file.content, { version: '1.1' }).map((d) => d.toJS());
  expectValidKubernetesObjects(objects);
  return { yaml: file.content, objects };
}

/** The object of `kind` among `objects`. */
export function find(objects: any[], kind: string): any {
  const found = objects.find((o) => o.kind === kind);
  if (found === undefined) throw new Error(`no ${kind} among ${objects.map((o) => o.kind).join(', ')}`);
  return found;
}

/** The formatted diagnostics of one manifest text (empty when valid). */
export function diagnostics(text: string, s: Settings = DEFAULT_SETTINGS): string[] {
  return new ManifestLoader(s).load('tasks/t/manifest.json', text).diagnostics.map(formatDiagnostic);
}
