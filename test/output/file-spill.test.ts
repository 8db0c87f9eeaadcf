import { FileSpill } from '../../lib/output/file-spill';

/** When set, the next write of the scratch file fails with it (a full temp folder). */
let failNextWrite: NodeJS.ErrnoException | undefined;
jest.mock('node:fs', () => {
  const actual = jest.requireActual('node:fs');
  return {
    ...actual,
    writeSync: (...args: unknown[]) => {
      const error = failNextWrite;
      failNextWrite = undefined;
      if (error !== undefined) throw error;
      return actual.writeSync(...args);
    },
  };
});

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

  test('a temp folder that fails a write (ENOSPC) keeps that file and the next in memory, and the files spilled before still read back', () => {
    const spill = new FileSpill(0);
    const before = spill.keep({ path: 'a', content: 'kind: Job\n' });
    failNextWrite = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    try {
      const failed = { path: 'b', content: 'kind: Service\n' };
      expect(spill.keep(failed)).toBe(failed);
      const next = { path: 'c', content: 'kind: Deployment\n' };
      expect(spill.keep(next)).toBe(next);
      expect(before.content).toBe('kind: Job\n');
    } finally {
      failNextWrite = undefined;
    }
  });
});

