import { JsonDocument } from '../../lib/diagnostics/json-document';
import { OverlaidDocument } from '../../lib/environments/overlaid-document';
import { mergeOverlay } from '../../lib/environments/overlay-merge';

/*
 * The load stage forgets a loaded manifest's parsed value (JsonDocument.forget,
 * OverlaidDocument.forget): what a later stage asks of it (its value, where a
 * value is) must come out as before, made again from the text.
 */
const BASE = '{\n  "type": "deployment",\n  "name": "api",\n  "replicas": 1,\n  "env": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}]\n}\n';
const OVERLAY = '{\n  "replicas": 3,\n  "env": [{"name": "B", "value": "two"}]\n}\n';

function overlaid(): OverlaidDocument {
  const base = new JsonDocument('tasks/api/manifest.json', BASE);
  const overlay = new JsonDocument('tasks/api/manifest.prod.json', OVERLAY);
  return new OverlaidDocument('prod', base, overlay, mergeOverlay(base.value as Record<string, unknown>, overlay.value as Record<string, unknown>));
}

test('a forgotten manifest gives the same value and the same locations', () => {
  const document = new JsonDocument('tasks/api/manifest.json', BASE);
  const before = { value: structuredClone(document.value), at: document.locate(['env', 1, 'value']) };
  document.forget();
  expect(document.value).toEqual(before.value);
  expect(document.locate(['env', 1, 'value'])).toEqual(before.at);
});

test('a forgotten overlaid manifest is merged again: the same value, each value still located in the file that wrote it', () => {
  const document = overlaid();
  const before = { value: structuredClone(document.value), replicas: document.locate(['replicas']), a: document.locate(['env', 0, 'value']), b: document.locate(['env', 1, 'value']) };
  expect(before.value).toEqual({ type: 'deployment', name: 'api', replicas: 3, env: [{ name: 'A', value: '1' }, { name: 'B', value: 'two' }] });
  document.forget();
  expect(document.value).toEqual(before.value);
  expect(document.locate(['replicas'])).toEqual(before.replicas);
  expect(before.replicas).toMatchObject({ file: 'tasks/api/manifest.prod.json', line: 2, column: 15 });
  expect(document.locate(['env', 0, 'value'])).toEqual(before.a);
  expect(before.a).toMatchObject({ file: 'tasks/api/manifest.json', line: 5 });
  expect(document.locate(['env', 1, 'value'])).toEqual(before.b);
  expect(before.b).toMatchObject({ file: 'tasks/api/manifest.prod.json', line: 3 });
});
