import { find, manifest, render, settings } from '../support/render';

const job = (overrides: Record<string, unknown> = {}) => ({
  labels: 'app:gstogs',
  type: 'job',
  name: 'gstogs',
  'image-destination': 'gcr.io/affini-tech-datalab/gs_to_gs:0.1',
  ...overrides,
});

const container = (objects: any[], kind = 'Deployment') => {
  const o = find(objects, kind);
  return (o.spec.template ?? o.spec.jobTemplate.spec.template).spec.containers[0];
};

describe('job', () => {
  test('a job without a schedule is a Job that never restarts', () => {
    const { objects } = render(job({ schedule: '' }));
    expect(objects.map((o) => o.kind)).toEqual(['Job']);
    const j = objects[0];
    expect(j.apiVersion).toBe('batch/v1');
    expect(j.metadata).toEqual({ name: 'gstogs', namespace: 'default', labels: { app: 'gstogs' } });
    expect(j.spec.template.spec.restartPolicy).toBe('Never');
    expect(j.spec.template.metadata.labels).toEqual({ app: 'gstogs' });
    expect(j.spec.selector).toBeUndefined();
  });

  test('a schedule makes a CronJob with the schedule copied and no time zone', () => {
    const { objects } = render(job({ schedule: '0 5 * * *' }));
    expect(objects.map((o) => o.kind)).toEqual(['CronJob']);
    expect(objects[0].spec.schedule).toBe('0 5 * * *');
    expect(objects[0].spec.timeZone).toBeUndefined();
    expect(objects[0].spec.jobTemplate.spec.template.spec.restartPolicy).toBe('Never');
  });

  test('the CronJob time zone comes from the settings', () => {
    const { objects } = render(job({ schedule: '@daily' }), settings({ cronJob: { timeZone: 'Europe/Paris' } }));
    expect(objects[0].spec.timeZone).toBe('Europe/Paris');
  });

  test('the Argo CD replace annotation is opt-in and only on Jobs', () => {
    const s = settings({ argocd: { replaceJobs: true } });
    expect(render(job(), s).objects[0].metadata.annotations).toEqual({ 'argocd.argoproj.io/sync-options': 'Force=true,Replace=true' });
    expect(render(job({ schedule: '@hourly' }), s).objects[0].metadata.annotations).toBeUndefined();
    expect(render(job()).objects[0].metadata.annotations).toBeUndefined();
  });
});

describe('container', () => {
  test('image, pull policy default Always, command, env in order', () => {
    const c = container(render(job({ cmd: ['python3', 'gs_to_gs.py'], env: [{ name: 'b', value: '2' }, { name: 'a', value: '' }] })).objects, 'Job');
    expect(c.name).toBe('gstogs');
    expect(c.image).toBe('gcr.io/affini-tech-datalab/gs_to_gs:0.1');
    expect(c.imagePullPolicy).toBe('Always');
    expect(c.command).toEqual(['python3', 'gs_to_gs.py']);
    expect(c.args).toBeUndefined();
    // EnvVar.value is a Go omitempty string: the API server drops "", so it is not written.
    expect(c.env).toEqual([{ name: 'b', value: '2' }, { name: 'a' }]);
  });

  test('image-pull-policy is copied', () => {
    expect(container(render(job({ 'image-pull-policy': 'IfNotPresent' })).objects, 'Job').imagePullPolicy).toBe('IfNotPresent');
  });

  test('an empty cmd keeps the image entrypoint', () => {
    expect(container(render(job({ cmd: [] })).objects, 'Job').command).toBeUndefined();
  });

  test('resources: only the ones given, in canonical form', () => {
    const c = container(render(job({ 'cpu-limit': '0.20', 'memory-limit': '1024Mi', 'cpu-request': '0.15', 'memory-request': '0.5Gi' })).objects, 'Job');
    expect(c.resources).toEqual({ limits: { cpu: '200m', memory: '1Gi' }, requests: { cpu: '150m', memory: '512Mi' } });
    expect(container(render(job({ 'memory-limit': '1G' })).objects, 'Job').resources).toEqual({ limits: { memory: '1G' } });
  });

  test('svc-account-secret: a read-only secret volume and GOOGLE_APPLICATION_CREDENTIALS after the manifest env', () => {
    const { objects } = render(job({ env: [{ name: 'x', value: '1' }], 'svc-account-secret': 'svc-account-affini-tech-a' }));
    const spec = objects[0].spec.template.spec;
    expect(spec.volumes).toEqual([{ name: 'google-cloud-key', secret: { secretName: 'svc-account-affini-tech-a' } }]);
    expect(spec.containers[0].volumeMounts).toEqual([{ name: 'google-cloud-key', mountPath: '/var/secrets/google', readOnly: true }]);
    expect(spec.containers[0].env).toEqual([
      { name: 'x', value: '1' },
      { name: 'GOOGLE_APPLICATION_CREDENTIALS', value: '/var/secrets/google/key.json' },
    ]);
  });

  test('the credentials mount path and key file are settings', () => {
    const s = settings({ gcpCredentials: { mountPath: '/secrets/gcp', keyFile: 'sa.json', volumeName: 'gcp' } });
    const c = container(render(job({ 'svc-account-secret': 'sa' }), s).objects, 'Job');
    expect(c.env).toEqual([{ name: 'GOOGLE_APPLICATION_CREDENTIALS', value: '/secrets/gcp/sa.json' }]);
    expect(c.volumeMounts).toEqual([{ name: 'gcp', mountPath: '/secrets/gcp', readOnly: true }]);
  });
});

describe('pod', () => {
  test('volumes: one volume and one mount per entry, credentials last', () => {
    const { objects } = render(job({
      'svc-account-secret': 'sa',
      volumes: [
        { name: 'cache', mountPath: '/cache', emptyDir: {} },
        { name: 'data', mountPath: '/data', subPath: 'x', readOnly: true, persistentVolumeClaim: { claimName: 'data' } },
        { name: 'conf', mountPath: '/etc/conf', configMap: { name: 'conf', items: [{ key: 'a', path: 'a.yaml' }] } },
        { name: 'cert', mountPath: '/etc/cert', secret: { secretName: 'cert', defaultMode: 0o400 } },
        { name: 'nfs', mountPath: '/nfs', nfs: { server: 'nfs.local', path: '/export' } },
        { name: 'csi', mountPath: '/csi', csi: { driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: 'x' } } },
        { name: 'tmp', mountPath: '/tmp', emptyDir: { medium: 'Memory', sizeLimit: '0.5Gi' } },
      ],
    }));
    const spec = objects[0].spec.template.spec;
    expect(spec.volumes).toEqual([
      { name: 'cache', emptyDir: {} },
      { name: 'data', persistentVolumeClaim: { claimName: 'data' } },
      { name: 'conf', configMap: { name: 'conf', items: [{ key: 'a', path: 'a.yaml' }] } },
      { name: 'cert', secret: { secretName: 'cert', defaultMode: 256 } },
      { name: 'nfs', nfs: { server: 'nfs.local', path: '/export' } },
      { name: 'csi', csi: { driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: 'x' } } },
      { name: 'tmp', emptyDir: { medium: 'Memory', sizeLimit: '512Mi' } },
      { name: 'google-cloud-key', secret: { secretName: 'sa' } },
    ]);
    expect(spec.containers[0].volumeMounts).toEqual([
      { name: 'cache', mountPath: '/cache' },
      { name: 'data', mountPath: '/data', subPath: 'x', readOnly: true },
      { name: 'conf', mountPath: '/etc/conf' },
      { name: 'cert', mountPath: '/etc/cert' },
      { name: 'nfs', mountPath: '/nfs' },
      { name: 'csi', mountPath: '/csi' },
      { name: 'tmp', mountPath: '/tmp' },
      { name: 'google-cloud-key', mountPath: '/var/secrets/google', readOnly: true },
    ]);
  });

  test('tolerations and node-selector are copied', () => {
    const tolerations = [
      { key: 'workload', operator: 'Equal', value: 'data', effect: 'NoSchedule' },
      { operator: 'Exists' },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 },
    ];
    const spec = render(job({ tolerations, 'node-selector': { 'kubernetes.io/os': 'linux', pool: 'batch' } })).objects[0].spec.template.spec;
    expect(spec.tolerations).toEqual(tolerations);
    expect(spec.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux', pool: 'batch' });
  });

  test('labels: every object, the pod template, and the selectors', () => {
    const { objects } = render(manifest({ labels: 'app:flask, team:data', published: { access: 'dev', prefix: '/app/' } }));
    const labels = { app: 'flask', team: 'data' };
    for (const o of objects) expect(o.metadata.labels).toEqual(labels);
    expect(find(objects, 'Deployment').spec.template.metadata.labels).toEqual(labels);
    expect(find(objects, 'Deployment').spec.selector.matchLabels).toEqual(labels);
    expect(find(objects, 'Service').spec.selector).toEqual(labels);
  });

  test('namespace: the project default, or the manifest own', () => {
    expect(render(job()).objects[0].metadata.namespace).toBe('default');
    expect(render(job(), settings({ namespace: 'data' })).objects[0].metadata.namespace).toBe('data');
    expect(render(job({ namespace: 'etl' }), settings({ namespace: 'data' })).objects[0].metadata.namespace).toBe('etl');
  });

  test('the restricted profile: non-root, RuntimeDefault seccomp, drop ALL, no API token', () => {
    const spec = render(job(), settings({ podSecurity: 'restricted' })).objects[0].spec.template.spec;
    expect(spec.automountServiceAccountToken).toBe(false);
    expect(spec.securityContext).toEqual({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(spec.containers[0].securityContext).toEqual({
      allowPrivilegeEscalation: false,
      privileged: false,
      runAsNonRoot: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
  });
});

describe('deployment and service', () => {
  test('a deployment has the replicas asked for, 0 included', () => {
    const d = (r: number) => find(render({ labels: 'app:w', type: 'deployment', name: 'w', 'image-source': 'busybox:1', replicas: r }).objects, 'Deployment');
    expect(d(3).spec.replicas).toBe(3);
    expect(d(0).spec.replicas).toBe(0);
  });

  test('a service: ClusterIP Service on the container port targeting the named port, then the Deployment', () => {
    const { objects } = render(manifest({ replicas: 2 }));
    expect(objects.map((o) => o.kind)).toEqual(['Service', 'Deployment']);
    const service = find(objects, 'Service');
    expect(service.spec).toEqual({ type: 'ClusterIP', selector: { app: 'flask' }, ports: [{ name: 'app-port', port: 5000, targetPort: 'app-port' }] });
    expect(container(objects).ports).toEqual([{ name: 'app-port', containerPort: 5000 }]);
    expect(find(objects, 'Deployment').spec.replicas).toBe(2);
  });
});

describe('published → Mapping', () => {
  const published = (p: Record<string, unknown>, s = settings()) => find(render(manifest({ published: p }), s).objects, 'Mapping');

  test('the seed example: defaults written out', () => {
    const m = published({ access: 'dev', prefix: '/app/' });
    expect(m.apiVersion).toBe('getambassador.io/v3alpha1');
    expect(m.metadata).toEqual({
      name: 'app-flask',
      namespace: 'default',
      labels: { app: 'flask' },
      annotations: { 'portal.datatask.io/displayed-name': 'app-flask', 'portal.datatask.io/icon': 'import_contacts', 'portal.datatask.io/visible': 'true' },
    });
    expect(m.spec).toEqual({
      hostname: '*',
      prefix: '/app/',
      service: 'app-flask.default:5000',
      timeout_ms: 6000,
      auth_context_extensions: { access: 'dev' },
    });
  });

  test('every key', () => {
    const m = published({ access: 'ops', prefix: '/x/', rewrite: '', timeout_ms: 30000, sticky_sessions: true, displayed_name: 'Flask app', icon: 'https://example.com/i.png', visible: false });
    expect(m.spec).toEqual({
      hostname: '*',
      prefix: '/x/',
      rewrite: '',
      service: 'app-flask.default:5000',
      timeout_ms: 30000,
      auth_context_extensions: { access: 'ops' },
      // Envoy generates the cookie only with a ttl; 0s: a session cookie, scoped to the prefix.
      load_balancer: { policy: 'ring_hash', cookie: { name: 'app-flask-affinity', path: '/x/', ttl: '0s' } },
      resolver: 'endpoint',
    });
    expect(m.metadata.annotations).toEqual({ 'portal.datatask.io/displayed-name': 'Flask app', 'portal.datatask.io/icon': 'https://example.com/i.png', 'portal.datatask.io/visible': 'false' });
  });

  test('bypass_auth: public, no access context', () => {
    expect(published({ prefix: '/pub/', bypass_auth: true }).spec).toEqual({ hostname: '*', prefix: '/pub/', service: 'app-flask.default:5000', timeout_ms: 6000, bypass_auth: true });
  });

  test('settings: v2 API, hostname, resolver, annotation prefix', () => {
    const s = settings({ namespace: 'web', mapping: { apiVersion: 'v2', hostname: 'data.example.com', stickySessionResolver: 'k8s-endpoints', portalAnnotationPrefix: 'portal.example.com/' } });
    const m = published({ access: 'dev', prefix: '/app/', sticky_sessions: true }, s);
    expect(m.apiVersion).toBe('getambassador.io/v2');
    expect(m.spec.host).toBe('data.example.com');
    expect(m.spec.hostname).toBeUndefined();
    expect(m.spec.service).toBe('app-flask.web:5000');
    expect(m.spec.resolver).toBe('k8s-endpoints');
    expect(m.spec.load_balancer).toEqual({ policy: 'ring_hash', cookie: { name: 'app-flask-affinity', path: '/app/', ttl: '0s' } });
    expect(Object.keys(m.metadata.annotations)).toEqual(['portal.example.com/displayed-name', 'portal.example.com/icon', 'portal.example.com/visible']);
    expect(published({ access: 'dev', prefix: '/app/' }, settings({ mapping: { apiVersion: 'v2' } })).spec.host).toBeUndefined();
  });

  test('an empty published object means not published', () => {
    expect(render(manifest({ published: {} })).objects.map((o) => o.kind)).toEqual(['Service', 'Deployment']);
  });
});
