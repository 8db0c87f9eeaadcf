import { sha1 } from '../../lib/hash';

test('sha1 is SHA-1 of the UTF-8 text, in hex', () => {
  expect(sha1('abc')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d'); // FIPS 180 test vector
  expect(sha1('')).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
  expect(sha1('é')).toBe('bf15be717ac1b080b4f1c456692825891ff5073d');
});
