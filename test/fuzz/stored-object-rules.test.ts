import { storedObjectProblems } from '../support/fuzz/stored-object-rules';

/** The fuzz check of kinds 3 and 4 finds what it must (each case would pass without the rule). */
describe('storedObjectProblems', () => {
  const deployment = (container: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'd', labels: { app: '' } },
    spec: { template: { spec: { containers: [{ name: 'd', image: 'x:1', ...container }], ...extra } } },
  });

  test('a clean object has none', () => {
    expect(storedObjectProblems([deployment({ env: [{ name: 'A' }], resources: { requests: { cpu: '1m' } } })])).toEqual([]);
  });

  test.each([
    [{ env: [{ name: 'A', value: '' }] }, 'Deployment d: spec.template.spec.containers.0.env.0.value: "" is dropped by the API server (omitempty)'],
    [{ volumeMounts: [{ name: 'v', mountPath: '/v', readOnly: false }] }, 'Deployment d: spec.template.spec.containers.0.volumeMounts.0.readOnly: false is dropped by the API server (omitempty)'],
    [{ resources: { limits: { cpu: '100u' } } }, 'Deployment d: spec.template.spec.containers.0.resources.limits.cpu: 100u is stored rounded up to milli units'],
    [{ command: ['a\u0085'] }, 'Deployment d: spec.template.spec.containers.0.command.0: "a\u0085" holds a character server-side apply cannot read'],
    [{ args: [] }, 'Deployment d: spec.template.spec.containers.0.args: [] is dropped by the API server (omitempty)'],
  ])('%j', (container, problem) => {
    expect(storedObjectProblems([deployment(container)])).toEqual([problem]);
  });

  test('an object too large for the last-applied annotation', () => {
    const [problem] = storedObjectProblems([deployment({ env: [{ name: 'A', value: 'x'.repeat(270_000) }] })]);
    expect(problem).toMatch(/^Deployment d: too large for the last-applied-configuration annotation \(\d+ bytes\)$/);
  });
});
