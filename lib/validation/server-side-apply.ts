/**
 * Values that server-side apply cannot carry. With `kubectl apply
 * --server-side` or Argo CD's `ServerSideApply=true`, the object reaches the
 * API server as an apply patch that it reads as YAML (sigs.k8s.io/yaml over
 * go-yaml): there U+007F, the C1 controls U+0080-U+009F (U+0085, "next
 * line", is folded into a space) and the noncharacters U+FFFE and U+FFFF are
 * refused or changed, and a mapping key over 1024 characters is refused
 * (go-yaml's scanner gives up on a simple key longer than that).
 */
import type { Diagnostic } from '../diagnostics/diagnostic';
import type { JsonDocument } from '../diagnostics/json-document';

/** Characters server-side apply refuses or changes. */
const UNREADABLE = /[\u007f-\u009f\ufffe\uffff]/;
/** Quick test of a manifest's source text: the characters, raw or as JSON escapes. */
const UNREADABLE_IN_SOURCE = /[\u007f-\u009f\ufffe\uffff]|\\u(?:007[fF]|00[89][0-9a-fA-F]|[fF]{3}[eEfF])/;

/** The longest mapping key go-yaml reads. */
export const MAX_KEY_LENGTH = 1024;

/** `undefined` when server-side apply carries `value` unchanged, else what is wrong with it. */
export function checkApplyableString(value: string): string | undefined {
  const match = UNREADABLE.exec(value);
  if (match === null) return undefined;
  const code = match[0].codePointAt(0)!;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const what = code === 0x7f ? `${hex} (delete)` : code === 0x85 ? `${hex} (next line), which it would turn into a space,` : code >= 0xfffe ? `${hex} (a noncharacter)` : `${hex} (a C1 control character)`;
  return `contains ${what} at character ${match.index + 1}; server-side apply (kubectl apply --server-side, Argo CD ServerSideApply=true) reads the object as YAML and cannot carry it: remove it`;
}

/**
 * Every string (value or key) of a manifest that server-side apply cannot
 * carry, located; `$schema` is not rendered and is skipped.
 */
export function serverSideApplyDiagnostics(document: JsonDocument): Diagnostic[] {
  if (!UNREADABLE_IN_SOURCE.test(document.text) && document.text.length <= MAX_KEY_LENGTH) return [];
  const out: Diagnostic[] = [];
  const walk = (value: unknown, path: (string | number)[]): void => {
    if (typeof value === 'string') {
      const bad = checkApplyableString(value);
      if (bad !== undefined) out.push(document.diagnostic(path, bad));
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, [...path, i]));
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        if (path.length === 0 && key === '$schema') continue;
        const bad = key.length > MAX_KEY_LENGTH ? `is ${key.length} characters long; server-side apply refuses map keys over ${MAX_KEY_LENGTH} characters` : checkApplyableString(key);
        if (bad !== undefined) out.push(document.diagnostic([...path, key], `key ${bad}`, { target: 'key' }));
        walk(item, [...path, key]);
      }
    }
  };
  walk(document.value, []);
  return out;
}
