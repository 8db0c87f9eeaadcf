import { normalizedRepository, pushedReference, sameRepository } from '../../lib/images/reference';

test('one repository written two ways (distribution/reference normalization)', () => {
  expect(normalizedRepository('busybox')).toBe('docker.io/library/busybox');
  expect(normalizedRepository('acme/app')).toBe('docker.io/acme/app');
  expect(normalizedRepository('gcr.io/acme/app')).toBe('gcr.io/acme/app');
  expect(normalizedRepository('localhost/app')).toBe('localhost/app');
  expect(normalizedRepository('registry:5000/app')).toBe('registry:5000/app');
  expect(sameRepository('busybox:1.36', 'docker.io/library/busybox@sha256:' + 'a'.repeat(64))).toBe(true);
  expect(sameRepository('gcr.io/acme/app:1', 'gcr.io/acme/app2:1')).toBe(false);
});

test('the pushed reference: the tag replaced, the repository and its port kept, a digest dropped', () => {
  expect(pushedReference('gcr.io/acme/app:0.1', 'abc')).toBe('gcr.io/acme/app:abc');
  expect(pushedReference('registry:5000/app', 'abc')).toBe('registry:5000/app:abc');
  expect(pushedReference('registry:5000/app:1')).toBe('registry:5000/app:1');
  expect(pushedReference(`gcr.io/acme/app:1@sha256:${'a'.repeat(64)}`, 'x')).toBe('gcr.io/acme/app:x');
});
