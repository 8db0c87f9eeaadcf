import fc from 'fast-check';
import { parseAllDocuments, type DocumentOptions, type SchemaOptions } from 'yaml';
import { stringifyYamlDocuments } from '../../lib/output/yaml';

/**
 * The ways the `yaml` package can read our output: YAML 1.1 (what Argo CD /
 * kubectl's go-yaml v2 implements), YAML 1.2 core, and 1.2 syntax with the
 * 1.1 schema.
 */
const MODES: ReadonlyArray<[string, DocumentOptions & SchemaOptions]> = [
  ['YAML 1.1', { version: '1.1' }],
  ['YAML 1.2', { version: '1.2' }],
  ['YAML 1.2 + yaml-1.1 schema', { version: '1.2', schema: 'yaml-1.1' }],
];

/** Turns parsed Maps into plain objects, failing on any key that did not read back as a string. */
function toPlain(value: unknown): unknown {
  if (value instanceof Map) {
    const entries: Array<[string, unknown]> = [];
    for (const [k, v] of value) {
      if (typeof k !== 'string') throw new Error(`key read back as ${typeof k}: ${String(k)}`);
      entries.push([k, toPlain(v)]);
    }
    return Object.fromEntries(entries); // defines own properties, even for `__proto__`
  }
  if (Array.isArray(value)) return value.map(toPlain);
  return value;
}

/** Parses a YAML stream in one mode; fails on any error or warning. */
function readAll(text: string, options: DocumentOptions & SchemaOptions): unknown[] {
  const docs = parseAllDocuments(text, { ...options, strict: true, uniqueKeys: true, prettyErrors: false });
  if (!Array.isArray(docs)) return []; // an empty stream
  return docs.map((doc) => {
    expect(doc.errors).toEqual([]);
    expect(doc.warnings).toEqual([]);
    return toPlain(doc.toJS({ mapAsMap: true, maxAliasCount: 0 }));
  });
}

/** `JSON.parse(JSON.stringify(v))`: the JSON value a document stands for (`-0` becomes `0`). */
function jsonOf(docs: readonly unknown[]): unknown[] {
  return JSON.parse(JSON.stringify(docs)) as unknown[];
}

function expectRoundTrip(docs: readonly unknown[]): string {
  const text = stringifyYamlDocuments(docs);
  for (const [, options] of MODES) expect(readAll(text, options)).toEqual(jsonOf(docs));
  return text;
}

describe('stringifyYamlDocuments: layout', () => {
  test('a representative Deployment, byte for byte', () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        annotations: { 'argocd.argoproj.io/sync-wave': '5', 'cdk8s.io/x': 'on' },
        labels: { app: 'flask', 'app.kubernetes.io/name': 'flask' },
        name: 'app-flask',
      },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'flask' } },
        template: {
          metadata: { labels: { app: 'flask' } },
          spec: {
            containers: [
              {
                args: [],
                command: ['python3', '-m', 'flask', 'run --host 0.0.0.0'],
                env: [
                  { name: 'A', value: '1' },
                  { name: 'GOOGLE_APPLICATION_CREDENTIALS', value: '/var/secrets/google/key.json' },
                  { name: 'DEBUG', value: 'false' },
                  { name: 'GREETING', value: 'héllo\nworld' },
                ],
                image: 'quay.io/x:1',
                imagePullPolicy: 'Always',
                ports: [{ containerPort: 5000, name: 'app-port', protocol: 'TCP' }],
                resources: { limits: { cpu: '200m', memory: '1Gi' }, requests: { cpu: 0.5 } },
                securityContext: { readOnlyRootFilesystem: true, runAsNonRoot: true, runAsUser: 1000 },
                volumeMounts: [{ mountPath: '/tmp', name: 'tmp' }],
              },
            ],
            nodeSelector: null,
            volumes: [{ emptyDir: {}, name: 'tmp' }],
          },
        },
      },
    };
    const expected = `apiVersion: apps/v1
kind: Deployment
metadata:
  annotations:
    argocd.argoproj.io/sync-wave: "5"
    cdk8s.io/x: "on"
  labels:
    app: flask
    app.kubernetes.io/name: flask
  name: app-flask
spec:
  replicas: 2
  selector:
    matchLabels:
      app: flask
  template:
    metadata:
      labels:
        app: flask
    spec:
      containers:
        - args: []
          command:
            - python3
            - "-m"
            - flask
            - run --host 0.0.0.0
          env:
            - name: A
              value: "1"
            - name: GOOGLE_APPLICATION_CREDENTIALS
              value: /var/secrets/google/key.json
            - name: DEBUG
              value: "false"
            - name: GREETING
              value: "héllo\\nworld"
          image: quay.io/x:1
          imagePullPolicy: Always
          ports:
            - containerPort: 5000
              name: app-port
              protocol: TCP
          resources:
            limits:
              cpu: "200m"
              memory: "1Gi"
            requests:
              cpu: 0.5
          securityContext:
            readOnlyRootFilesystem: true
            runAsNonRoot: true
            runAsUser: 1000
          volumeMounts:
            - mountPath: /tmp
              name: tmp
      nodeSelector: null
      volumes:
        - emptyDir: {}
          name: tmp
`;
    expect(stringifyYamlDocuments([deployment])).toBe(expected);
    expectRoundTrip([deployment]);
  });

  test('several documents, top-level scalars and empty collections, nested sequences', () => {
    const docs = [{ a: 1 }, 'text', 42, null, true, [], {}, ['x', ['y', ['z']], [], { k: [] }], [[{ a: { b: [1] } }]]];
    const expected = `a: 1
---
text
---
42
---
null
---
true
---
[]
---
{}
---
- x
- - "y"
  - - z
- []
- k: []
---
- - a:
      b:
        - 1
`;
    expect(stringifyYamlDocuments(docs)).toBe(expected);
    expectRoundTrip(docs);
  });

  test('no documents: empty output', () => {
    expect(stringifyYamlDocuments([])).toBe('');
  });

  test('keys keep insertion order (callers sort)', () => {
    expect(stringifyYamlDocuments([{ b: 1, a: 2, c: { z: 1, y: 2 } }])).toBe('b: 1\na: 2\nc:\n  z: 1\n  "y": 2\n');
  });

  test('shared (non-circular) references are written in full, never as anchors/aliases', () => {
    const shared = { name: 'x', items: ['a'] };
    const text = expectRoundTrip([{ first: shared, second: shared, list: [shared, shared] }]);
    expect(text).not.toMatch(/[&*]/);
  });

  test('long strings stay on one line (no folding)', () => {
    const long = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
    const quoted = `${long} "with quotes" and\ttab`;
    const text = expectRoundTrip([{ long, quoted, list: [long] }]);
    expect(text.split('\n')).toHaveLength(5); // 4 lines + trailing newline
    expect(text).toContain(`long: ${long}\n`);
  });

  test('keys longer than the 1024-character implicit key limit use explicit `? key` entries', () => {
    const longKey = 'k'.repeat(1500);
    const wideKey = 'é'.repeat(450); // 900 UTF-8 bytes + quotes: still implicit
    const docs = [{ [longKey]: { a: 1 }, short: [{ [longKey]: 'v', [wideKey]: ['x'] }], [`${longKey} `]: 'z' }];
    const text = expectRoundTrip(docs);
    expect(text).toBe(
      `? ${longKey}\n:\n  a: 1\nshort:\n  - ? ${longKey}\n    : v\n    "${wideKey}":\n      - x\n? "${longKey} "\n: z\n`,
    );
  });

  test('deterministic: equal inputs give identical bytes', () => {
    const make = () => ({ b: [1, 'two', { c: null, d: ['é', '\u2028'] }], a: { e: true, f: 1.5 } });
    const first = stringifyYamlDocuments([make(), make()]);
    expect(stringifyYamlDocuments([make(), make()])).toBe(first);
    expect(stringifyYamlDocuments([make(), make()])).toBe(first);
  });
});

describe('stringifyYamlDocuments: strings', () => {
  const TRICKY: readonly string[] = [
    // YAML 1.1 booleans (and case variants that no resolver should ever see as anything but strings)
    ...['y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE'],
    ...['on', 'On', 'ON', 'off', 'Off', 'OFF', 'yEs', 'oN', 'nULL'],
    // nulls
    ...['~', 'null', 'Null', 'NULL', ''],
    // integers in 1.1 / 1.2
    ...['0', '5000', '-1', '+1', '0o17', '0x1F', '0b101', '0755', '1_000', '1:20', '-1:20', '0x_1F'],
    // floats
    ...['e0', 'E5', 'e+10', 'e-3', 'e', 'e+', 'ex5', 'e5x', '0.20', '.5', '1e3', '1E3', '1.0e+3', '1_000.5', '190:20:30.15', '.inf', '.Inf', '-.inf', '+.INF', '.NaN', '.nan', '1.', '.'],
    // timestamps (1.1)
    ...['2001-12-14', '2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43.10 -5', '2001-12-14T21:59:43Z'],
    // value / merge keys, indicators
    ...['=', '<<', '-', '--', '---', '...', '- a', '--- x', '?', '? x', '?x', ':', ':x', 'a:', 'a: b', 'a :b', 'a#b'],
    ...['a #b', '#x', '@x', '`x', '!x', '&x', '*x', '*', '%x', '|', '>', "'", '"', '[x]', '{x}', ']', '}', ',x', 'x,y'],
    // whitespace and line breaks
    ...['  x', 'x  ', ' ', 'a b', 'a  b', '\t', 'a\tb', 'a\nb', 'a\r\nb', '\n', 'a\n', '\r'],
    // characters that must be escaped
    ...['\u2028', '\u2029', 'a\u2028b', '\u0085', '\u0080', '\u009f', '\u007f', '\u0000', '\u001b', '\u0007\u0008\u000b\u000c'],
    ...['\uFEFF', 'x\uFEFF', '\uFFFE', '\uFFFF', 'a\\b', 'a"b', '\\', '"quoted"'],
    // non-ASCII
    ...['é', '日本', '😀', 'a😀b', '\u00a0', 'e\u0301', 'ﬁ', 'Ω'],
    // everyday Kubernetes strings
    ...['https://example.com/a?b=c#d', 'gcr.io/x/y:0.1', '/var/secrets/google', 'Always', 'import_contacts', 'app-port'],
    ...['200m', '1Gi', 'user@example.com', 'a=b', 'a+b', 'a,b', 'a/b:c', 'a::b', 'x:/y', 'x:', 'x: ', '_x', '_', '/', '//'],
    ...['run --host 0.0.0.0', 'echo hello world', 'key: value # comment', 'null ', ' null', 'True ', 'x-'],
  ];

  test.each(TRICKY.map((s) => [JSON.stringify(s), s]))('%s reads back as the same string, as a value and as a key', (_, s) => {
    expectRoundTrip([s]);
    expectRoundTrip([{ [s]: s }]);
    expectRoundTrip([[s, { [s]: [s] }]]);
    expectRoundTrip([{ k: { [s]: { [s]: s } } }]);
  });

  test('everyday strings stay plain, as values and as keys', () => {
    for (const s of ['Always', 'gcr.io/x/y:0.1', '/var/secrets/google', 'app-port', 'import_contacts', 'a b', 'user@example.com', 'app.kubernetes.io/name', 'getambassador.io/config', 'e', 'e+', 'ex5', 'e5x', 'Echo']) {
      expect(stringifyYamlDocuments([{ [s]: s }])).toBe(`${s}: ${s}\n`);
    }
  });

  test('strings a resolver could read as something else are double-quoted', () => {
    for (const s of ['5000', '0.20', '200m', '1Gi', 'true', 'null', 'yes', 'on', 'NO', 'y', '~', '', '=', '<<', '.inf', '0o17', '1:20', '2001-12-14', 'e0', 'E+5', '-', 'a: b', 'a #b', '#x', 'x:', ' x', 'x ']) {
      expect(stringifyYamlDocuments([{ [s]: s }])).toBe(`"${s}": "${s}"\n`);
    }
  });

  test('escapes valid in both YAML 1.1 and 1.2', () => {
    const cases: Array<[string, string]> = [
      ['a\nb', '"a\\nb"'],
      ['\t\r\0', '"\\t\\r\\0"'],
      ['\u0007\u0008\u000b\u000c\u001b', '"\\a\\b\\v\\f\\e"'],
      ['\u0001\u001f', '"\\x01\\x1F"'],
      ['\u007f', '"\\x7F"'],
      ['\u0085', '"\\x85"'],
      ['\u0080\u009f', '"\\x80\\x9F"'],
      ['\u2028\u2029', '"\\u2028\\u2029"'],
      ['\uFEFF', '"\\uFEFF"'],
      ['\uFFFE\uFFFF', '"\\uFFFE\\uFFFF"'],
      ['a"b\\c', '"a\\"b\\\\c"'],
      ['é', '"é"'],
      ['日本', '"日本"'],
      ['😀', '"😀"'],
      ['\u00a0', '"\u00a0"'],
    ];
    for (const [s, expected] of cases) expect(stringifyYamlDocuments([s])).toBe(`${expected}\n`);
  });

  test('lone surrogates throw', () => {
    for (const s of ['\ud800', 'a\ud800', '\ud800a', '\udc00', 'a\udfff b', '\udc00\ud800']) {
      expect(() => stringifyYamlDocuments([s])).toThrow(/lone surrogate/);
      expect(() => stringifyYamlDocuments([{ a: { [s]: 1 } }])).toThrow(/lone surrogate .* at documents\[0\]\.a\[/);
    }
  });
});

describe('stringifyYamlDocuments: numbers', () => {
  test('JSON forms, with -0 as 0 and exponents given a fraction', () => {
    const cases: Array<[number, string]> = [
      [0, '0'],
      [-0, '0'],
      [42, '42'],
      [-7, '-7'],
      [0.5, '0.5'],
      [-0.1, '-0.1'],
      [1e20, '100000000000000000000'],
      [1e21, '1.0e+21'],
      [-1e21, '-1.0e+21'],
      [1.5e300, '1.5e+300'],
      [1e-7, '1.0e-7'],
      [5e-324, '5.0e-324'],
      [Number.MAX_VALUE, '1.7976931348623157e+308'],
      [Number.MAX_SAFE_INTEGER, '9007199254740991'],
    ];
    for (const [n, expected] of cases) {
      expect(stringifyYamlDocuments([n])).toBe(`${expected}\n`);
      expect(stringifyYamlDocuments([{ num: n }])).toBe(`num: ${expected}\n`);
    }
    expectRoundTrip(cases.map(([n]) => n));
    expectRoundTrip([{ list: cases.map(([n]) => n) }]);
  });

  test('NaN and infinities throw', () => {
    for (const n of [NaN, Infinity, -Infinity]) {
      expect(() => stringifyYamlDocuments([n])).toThrow(/not a JSON number/);
      expect(() => stringifyYamlDocuments([{ a: [1, n] }])).toThrow(/at documents\[0\]\.a\[1\]/);
    }
  });
});

describe('stringifyYamlDocuments: non-JSON values throw', () => {
  class Thing {
    a = 1;
  }
  const bad: Array<[string, unknown]> = [
    ['undefined', undefined],
    ['a function', () => 1],
    ['a Date', new Date(0)],
    ['a BigInt', BigInt(1)],
    ['a symbol', Symbol('x')],
    ['a Map', new Map()],
    ['a Set', new Set()],
    ['a class instance', new Thing()],
    ['a boxed string', Object('x')],
    ['a regular expression', /x/],
  ];
  test.each(bad)('%s', (_, value) => {
    expect(() => stringifyYamlDocuments([value])).toThrow(/only JSON values/);
    expect(() => stringifyYamlDocuments([{ spec: { list: ['ok', value] } }])).toThrow(/at documents\[0\]\.spec\.list\[1\]$/);
    expect(() => stringifyYamlDocuments([{}, { 'a.b': value }])).toThrow(/at documents\[1\]\["a\.b"\]$/);
  });

  test('circular structures throw', () => {
    const a: Record<string, unknown> = { x: 1 };
    a.self = a;
    expect(() => stringifyYamlDocuments([a])).toThrow(/circular/);
    const list: unknown[] = [1];
    list.push({ back: list });
    expect(() => stringifyYamlDocuments([list])).toThrow(/circular/);
  });

  test('objects without a prototype are plain objects', () => {
    const o = Object.create(null) as Record<string, unknown>;
    o.b = 'x';
    expect(stringifyYamlDocuments([o])).toBe('b: x\n');
  });
});

describe('stringifyYamlDocuments: round-trip property', () => {
  const strings = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary' }), // any code point except lone surrogates, incl. controls, C1, U+2028, U+FEFF
    fc.string({ unit: 'grapheme' }),
    fc.string({ unit: 'binary-ascii' }),
    // short strings over the characters resolvers care about: finds plain scalars that read back as non-strings
    fc.string({ unit: fc.constantFrom(...'aeEyYnNoO019_.:-+/ @=,#~x'.split('')), maxLength: 6 }),
    fc.constantFrom('y', 'no', 'On', '~', 'null', '0o17', '1:20', '2001-12-14', '.inf', '=', '<<', '- a', 'a: b', '1e3', '0x1F', 'e0', 'E+5'),
  );
  const values = fc.oneof(
    fc.jsonValue({ maxDepth: 4 }),
    fc.jsonValue({ maxDepth: 4, stringUnit: 'binary' }),
    fc.jsonValue({ maxDepth: 4, stringUnit: 'grapheme' }),
    fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        strings,
        fc.integer(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(strings, tie('value'), { maxKeys: 4 }),
      ),
    })).value,
  );

  test('parse(stringify([v])) equals v under YAML 1.1 and 1.2', () => {
    fc.assert(
      fc.property(fc.array(values, { minLength: 1, maxLength: 3 }), (docs) => {
        const text = stringifyYamlDocuments(docs);
        for (const [, options] of MODES) expect(readAll(text, options)).toEqual(jsonOf(docs));
        expect(stringifyYamlDocuments(docs)).toBe(text);
      }),
      { numRuns: 200 },
    );
  });
});
