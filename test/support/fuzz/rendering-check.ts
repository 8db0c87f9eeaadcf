/**
 * The rendering check shared by both properties ({@link checkRendering}),
 * and {@link firstDifference}, with which the checks compare JSON values.
 */
import { isDeepStrictEqual } from 'node:util';
import { App } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { TaskChart } from '../../../lib/constructs/task-chart';
import type { Task } from '../../../lib/model';
import { renderTask } from '../render-task';
import { GENERATED_MARKER } from '../../../lib/output/rendered-file';
import type { Settings } from '../../../lib/project-settings';
import { apiServerProblems, podSecurityProblems } from './cluster-rules';
import { storedObjectProblems } from './stored-object-rules';
import { MANIFEST_FILE } from './loaders';
import { type SchemaValidator, violation } from './violation';

/** The path of the first difference between two JSON values, or undefined when equal. */
export function firstDifference(a: unknown, b: unknown, at = ''): string | undefined {
  if (isDeepStrictEqual(a, b)) return undefined;
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null && Array.isArray(a) === Array.isArray(b)) {
    const own = (o: object, k: string): unknown => (Object.hasOwn(o, k) ? (o as Record<string, unknown>)[k] : undefined);
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDifference(own(a, k), own(b, k), `${at}/${k}`);
      if (d !== undefined) return d;
    }
  }
  const show = (v: unknown) => String(JSON.stringify(v)).slice(0, 200);
  return `${at || '/'}: ${show(a)} vs ${show(b)}`;
}

/** Reads a generated file with the `yaml` package, strictly: no errors, no warnings, no aliases. */
function readYaml(content: string, version: '1.1' | '1.2'): unknown[] {
  const docs = parseAllDocuments(content, { version });
  if (!Array.isArray(docs)) return violation(`YAML ${version}: the file holds no document`);
  return docs.map((doc, i) => {
    const problems = [...doc.errors, ...doc.warnings].map((e) => e.message);
    if (problems.length > 0) violation(`YAML ${version}, document ${i}: ${problems.join('; ')}`);
    try {
      return doc.toJS({ maxAliasCount: 0 });
    } catch (e) {
      return violation(`YAML ${version}, document ${i}: ${(e as Error).message}`);
    }
  });
}

/**
 * Renders a task and checks the file: it renders without throwing; it
 * starts with the generated marker; it reads back under YAML 1.1 and 1.2 as
 * exactly the objects the chart holds; each object passes `validate` and
 * the API-server rules; the Pod Security profile holds; nothing would be
 * stored differently or refused by server-side or client-side apply
 * ({@link storedObjectProblems}). Returns the objects.
 */
export function checkRendering(task: Task, settings: Settings, validate?: SchemaValidator): any[] {
  let content: string;
  let expected: unknown[];
  try {
    content = renderTask(task, settings, MANIFEST_FILE).content;
    expected = JSON.parse(JSON.stringify(new TaskChart(new App(), task.name, { task, settings }).toJson())) as unknown[];
  } catch (e) {
    return violation(`rendering threw: ${(e as Error).stack ?? String(e)}`);
  }
  if (!content.startsWith(GENERATED_MARKER)) violation('the file does not start with the generated marker');
  if (!content.endsWith('\n')) violation('the file does not end with a newline');
  const v11 = readYaml(content, '1.1');
  const v12 = readYaml(content, '1.2');
  const versions = firstDifference(v11, v12);
  if (versions !== undefined) violation(`YAML 1.1 and 1.2 read the file differently at ${versions}`);
  const source = firstDifference(v11, expected);
  if (source !== undefined) violation(`the YAML does not read back as the rendered objects (YAML vs chart) at ${source}`);
  if (validate !== undefined) {
    try {
      validate(v11);
    } catch (e) {
      violation(`schema: ${(e as Error).message}`);
    }
  }
  const problems = [
    ...apiServerProblems(v11, settings),
    ...[...podSecurityProblems(v11, settings), ...storedObjectProblems(v11)].map((message) => ({ message, bug: undefined })),
  ];
  const refused = problems.map((p) => p.message);
  if (refused.length > 0) violation(`the API server would refuse the objects:\n  ${refused.join('\n  ')}`);
  return v11 as any[];
}
