import { diagnostics } from '../support/render';

/*
 * Unicode bidirectional controls (U+202A–U+202E, U+2066–U+2069) display text
 * in another order than it is stored (CVE-2021-42574, "Trojan Source"): a
 * warning at the string, for valid and invalid manifests alike (issue 18).
 */
const RLO = '\u202E';

test('a value holding U+202E is a located warning naming the code point', () => {
  const text = `{"labels": "app:x", "type": "job", "name": "x", "image-source": "busybox:1.36",\n "env": [{"name": "A", "value": "ok${RLO}txt.exe"}]}`;
  expect(diagnostics(text)).toEqual([
    'tasks/t/manifest.json:2:33 warning: env[0].value: holds the Unicode bidirectional control U+202E, which makes the text display differently from what it is; remove it unless the text is right-to-left prose that needs it',
  ]);
});

test('the warning comes in the same round as the errors of an invalid manifest', () => {
  const text = `{"labels": "app:x", "type": "job", "name": "x", "image-source": "busybox:1.36", "bogus": 1,\n "cmd": ["echo", "\u2066hi"]}`;
  const found = diagnostics(text).map((d) => d.split('\n')[0]);
  expect(found).toEqual([
    expect.stringMatching(/^tasks\/t\/manifest.json:1:81 error: bogus: /),
    'tasks/t/manifest.json:2:18 warning: cmd[1]: holds the Unicode bidirectional control U+2066, which makes the text display differently from what it is; remove it unless the text is right-to-left prose that needs it',
  ]);
});
