import { find, manifest, render } from '../support/render';

/**
 * cdk8s-plus-27's L2 constructs inject resources (1000m/1500m CPU,
 * 512Mi/2048Mi memory), runAsNonRoot, a read-only root filesystem, replicas
 * 2, startingDeadlineSeconds 10, `cdk8s.io/metadata.addr` selectors, probes,
 * dnsPolicy and more. A manifest that asks for none of these gets none.
 */
describe('nothing the manifest does not ask for is injected', () => {
  const minimal = {
    service: manifest(),
    deployment: { labels: 'app:w', type: 'deployment', name: 'worker', 'image-source': 'busybox:1.36' },
    job: { labels: 'app:j', type: 'job', name: 'once', 'image-source': 'busybox:1.36' },
    cron: { labels: 'app:c', type: 'job', name: 'nightly', 'image-source': 'busybox:1.36', schedule: '0 5 * * *' },
  };

  test.each(Object.entries(minimal))('%s', (_kind, m) => {
    const { yaml, objects } = render(m);
    for (const forbidden of [
      'resources', 'runAsNonRoot', 'readOnlyRootFilesystem', 'cdk8s.io', 'startingDeadlineSeconds',
      'concurrencyPolicy', 'ttlSecondsAfterFinished', 'startupProbe', 'livenessProbe', 'readinessProbe',
      'automountServiceAccountToken', 'dnsPolicy', 'hostNetwork', 'setHostnameAsFQDN', 'terminationGracePeriodSeconds',
      'fsGroupChangePolicy', 'strategy', 'minReadySeconds', 'progressDeadlineSeconds', 'backoffLimit', 'externalIPs',
      'creationTimestamp', 'status', 'seccompProfile', 'capabilities', 'timeZone', 'annotations',
    ]) {
      expect({ forbidden, found: yaml.includes(forbidden) }).toEqual({ forbidden, found: false });
    }
    for (const o of objects) expect(o.metadata.name).toBe(m.name);
    const podSpec = (o: any) => o.spec.template?.spec ?? o.spec.jobTemplate?.spec.template.spec;
    for (const o of objects.filter((x) => x.kind !== 'Service' && x.kind !== 'Mapping')) {
      expect(podSpec(o).containers[0].securityContext).toEqual({ allowPrivilegeEscalation: false, privileged: false });
      expect(Object.keys(podSpec(o)).sort()).toEqual(o.kind === 'Deployment' ? ['containers'] : ['containers', 'restartPolicy']);
    }
  });

  test('replicas default to 1, selectors are exactly the labels', () => {
    const deployment = find(render(minimal.deployment).objects, 'Deployment');
    expect(deployment.spec.replicas).toBe(1);
    expect(deployment.spec.selector).toEqual({ matchLabels: { app: 'w' } });
    expect(deployment.spec.template.metadata).toEqual({ labels: { app: 'w' } });
  });
});
