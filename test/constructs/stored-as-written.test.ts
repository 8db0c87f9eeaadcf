import { find, manifest, render } from '../support/render';

/**
 * The API server drops Go `omitempty` zero values of non-pointer fields
 * (k8s.io/api core/v1 types), so writing them would make the file differ
 * from the live object forever under GitOps. Pointer fields are kept.
 */
describe('nothing the API server would drop is written', () => {
  const pod = (overrides: Record<string, unknown>) => find(render(manifest(overrides)).objects, 'Deployment').spec.template.spec;

  test('env value "", mount readOnly false and subPath ""', () => {
    const spec = pod({
      env: [{ name: 'EMPTY', value: '' }],
      volumes: [{ name: 'v', mountPath: '/v', readOnly: false, subPath: '', emptyDir: {} }],
    });
    expect(spec.containers[0].env).toEqual([{ name: 'EMPTY' }]);
    expect(spec.containers[0].volumeMounts).toEqual([{ name: 'v', mountPath: '/v' }]);
  });

  test('items [], medium "", non-pointer readOnly false, empty volumeAttributes; pointer fields kept', () => {
    const spec = pod({
      volumes: [
        { name: 'a', mountPath: '/a', configMap: { name: 'c', items: [], optional: false, defaultMode: 0 } },
        { name: 'b', mountPath: '/b', secret: { secretName: 's', items: [] } },
        { name: 'c', mountPath: '/c', emptyDir: { medium: '' } },
        { name: 'd', mountPath: '/d', persistentVolumeClaim: { claimName: 'p', readOnly: false } },
        { name: 'e', mountPath: '/e', nfs: { server: 'n', path: '/x', readOnly: false } },
        { name: 'f', mountPath: '/f', csi: { driver: 'd.example.com', readOnly: false, volumeAttributes: {} } },
      ],
    });
    expect(spec.volumes).toEqual([
      { name: 'a', configMap: { name: 'c', optional: false, defaultMode: 0 } },
      { name: 'b', secret: { secretName: 's' } },
      { name: 'c', emptyDir: {} },
      { name: 'd', persistentVolumeClaim: { claimName: 'p' } },
      { name: 'e', nfs: { server: 'n', path: '/x' } },
      { name: 'f', csi: { driver: 'd.example.com', readOnly: false } },
    ]);
  });

  test('toleration key and value ""', () => {
    expect(pod({ tolerations: [{ key: '', operator: 'Exists' }, { key: 'k', operator: 'Equal', value: '', effect: 'NoSchedule' }] }).tolerations).toEqual([
      { operator: 'Exists' },
      { key: 'k', operator: 'Equal', effect: 'NoSchedule' },
    ]);
  });
});
