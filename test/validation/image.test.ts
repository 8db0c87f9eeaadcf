import { parseImageReference, type ImageReference } from '../../lib/validation/image';

const SHA256 = `sha256:${'0123456789abcdef'.repeat(4)}`;
const SHA512 = `sha512:${'0123456789abcdef'.repeat(8)}`;
const GENERIC = '([registry/]repository[:tag][@digest])';

describe('parseImageReference: valid', () => {
  test.each<[string, ImageReference]>([
    ['nginx', { name: 'nginx' }],
    ['nginx:1.25', { name: 'nginx', tag: '1.25' }],
    ['library/nginx:latest', { name: 'library/nginx', tag: 'latest' }],
    ['quay.io/gilles/flask:2.0.1', { name: 'quay.io/gilles/flask', tag: '2.0.1' }],
    ['Quay.io/gilles/flask', { name: 'Quay.io/gilles/flask' }],
    ['europe-docker.pkg.dev/my-project/repo/app:v1', { name: 'europe-docker.pkg.dev/my-project/repo/app', tag: 'v1' }],
    ['localhost/app', { name: 'localhost/app' }],
    ['localhost:5000/app:dev', { name: 'localhost:5000/app', tag: 'dev' }],
    ['127.0.0.1:5000/team/app', { name: '127.0.0.1:5000/team/app' }],
    ['[::1]:5000/app:v1', { name: '[::1]:5000/app', tag: 'v1' }],
    ['[2001:db8::1]/app', { name: '[2001:db8::1]/app' }],
    ['registry:5000', { name: 'registry', tag: '5000' }],
    ['foo_bar', { name: 'foo_bar' }],
    ['foo__bar', { name: 'foo__bar' }],
    ['foo---bar.baz', { name: 'foo---bar.baz' }],
    ['my_registry.com/x', { name: 'my_registry.com/x' }],
    ['app:Latest_2-x.y', { name: 'app', tag: 'Latest_2-x.y' }],
    ['app:_', { name: 'app', tag: '_' }],
    [`app:${'t'.repeat(128)}`, { name: 'app', tag: 't'.repeat(128) }],
    [`nginx@${SHA256}`, { name: 'nginx', digest: SHA256 }],
    [`nginx:1.25@${SHA256}`, { name: 'nginx', tag: '1.25', digest: SHA256 }],
    [`ghcr.io/org/app@${SHA512}`, { name: 'ghcr.io/org/app', digest: SHA512 }],
    [`r.io/${'a'.repeat(250)}`, { name: `r.io/${'a'.repeat(250)}` }],
  ])('%s', (input, expected) => {
    expect(parseImageReference(input)).toEqual({ ok: true, value: expected });
  });
});

describe('parseImageReference: invalid', () => {
  test.each([
    ['Quay.io/Gilles/Flask', '"Quay.io/Gilles/Flask" is not a valid image reference: repository path must be lower case'],
    ['Nginx', '"Nginx" is not a valid image reference: repository path must be lower case'],
    ['nginx: latest', '"nginx: latest" is not a valid image reference: it contains whitespace'],
    [' nginx', '" nginx" is not a valid image reference: it contains whitespace'],
    ['nginx\t', '"nginx\\t" is not a valid image reference: it contains whitespace'],
    ['', '"" is not a valid image reference: it is empty'],
    ['https://quay.io/gilles/flask', '"https://quay.io/gilles/flask" is not a valid image reference: an image reference has no scheme (remove "https://")'],
    [`app:${'t'.repeat(129)}`, `"app:${'t'.repeat(129)}" is not a valid image reference: the tag is 129 characters long; at most 128 are allowed`],
    [`r.io/${'a'.repeat(251)}`, `"r.io/${'a'.repeat(251)}" is not a valid image reference: the name is 256 characters long; at most 255 are allowed`],
    [`nginx@sha256:${'a'.repeat(40)}`, `"nginx@sha256:${'a'.repeat(40)}" is not a valid image reference: a sha256 digest has 64 hex digits (this one has 40)`],
    [`nginx@sha256:${'A'.repeat(64)}`, `"nginx@sha256:${'A'.repeat(64)}" is not a valid image reference: a sha256 digest must be written in lower-case hex`],
    [`nginx@md5:${'a'.repeat(32)}`, `"nginx@md5:${'a'.repeat(32)}" is not a valid image reference: digest algorithm "md5" is not supported (sha256, sha384 or sha512)`],
    [`nginx@sha256:${'a'.repeat(31)}`, `"nginx@sha256:${'a'.repeat(31)}" is not a valid image reference ${GENERIC}`],
    [`@${SHA256}`, `"@${SHA256}" is not a valid image reference ${GENERIC}`],
    ['nginx:', `"nginx:" is not a valid image reference ${GENERIC}`],
    ['nginx:-tag', `"nginx:-tag" is not a valid image reference ${GENERIC}`],
    ['nginx:1.0:2.0', `"nginx:1.0:2.0" is not a valid image reference ${GENERIC}`],
    ['-nginx', `"-nginx" is not a valid image reference ${GENERIC}`],
    ['nginx-', `"nginx-" is not a valid image reference ${GENERIC}`],
    ['foo___bar', `"foo___bar" is not a valid image reference ${GENERIC}`],
    ['foo..bar', `"foo..bar" is not a valid image reference ${GENERIC}`],
    ['foo//bar', `"foo//bar" is not a valid image reference ${GENERIC}`],
    ['foo/', `"foo/" is not a valid image reference ${GENERIC}`],
    ['-registry.io/app', `"-registry.io/app" is not a valid image reference ${GENERIC}`],
    ['registry.io:port/app', `"registry.io:port/app" is not a valid image reference ${GENERIC}`],
    ['[fe80::1%eth0]/app', `"[fe80::1%eth0]/app" is not a valid image reference ${GENERIC}`],
  ])('%j', (input, expected) => {
    expect(parseImageReference(input)).toEqual({ ok: false, message: expected });
  });

  test('long pathological input is refused quickly', () => {
    const started = Date.now();
    for (const unit of ['a.', 'a-', 'a__', 'a/', 'a:1/', 'A-']) {
      expect(parseImageReference(`${unit.repeat(5000)}!`).ok).toBe(false);
    }
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
