import { FileSpill } from '../../lib/output/file-spill';

/*
 * The render stage keeps rendered files past a budget in a scratch file
 * (lib/output/file-spill.ts): what is read back must be the very text that
 * was rendered, multi-byte characters included, and look like any other
 * RenderedFile to its readers (the plan, the write, the render cache, a copy).
 */
describe('FileSpill', () => {
  test('files within the budget are kept as they are', () => {
    const spill = new FileSpill(10);
    const file = { path: 'dev/data/a.k8s.yaml', content: 'kind: Job\n' };
    expect(spill.keep(file)).toBe(file);
  });

  test('past the budget, each file reads back its own text, byte for byte, as often as asked', () => {
    const spill = new FileSpill(10);
    const texts = ['kind: Job\n', 'name: wörld\n', 'emoji: "🚀"\n', '', 'x'.repeat(70_000), 'é'.repeat(3)];
    const kept = texts.map((content, i) => spill.keep({ path: `f${i}`, content }));
    expect(kept[0]).toEqual({ path: 'f0', content: 'kind: Job\n' });
    kept.forEach((file, i) => {
      expect(file.path).toBe(`f${i}`);
      expect(file.content).toBe(texts[i]);
    });
    expect(kept.map((f) => f.content)).toEqual(texts);
  });

  test('a spilled file has path and content as its own enumerable properties (a copy with {...file} has its text)', () => {
    const spill = new FileSpill(0);
    const file = spill.keep({ path: 'prod/data/b.k8s.yaml', content: 'kind: Service\n' });
    expect(Object.keys(file)).toEqual(['path', 'content']);
    expect({ ...file }).toEqual({ path: 'prod/data/b.k8s.yaml', content: 'kind: Service\n' });
    expect(JSON.parse(JSON.stringify(file))).toEqual({ path: 'prod/data/b.k8s.yaml', content: 'kind: Service\n' });
  });
});
