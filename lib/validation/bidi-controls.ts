import type { Diagnostic } from '../diagnostics/diagnostic';
import type { JsonDocument } from '../diagnostics/json-document';

/**
 * Unicode bidirectional controls: the embeddings, overrides and isolates
 * (U+202A–U+202E, U+2066–U+2069) make text display in another order than it
 * is stored ("Trojan Source", CVE-2021-42574), so a reviewer reads one
 * value and the cluster gets another. Kubernetes accepts them in most
 * strings; a manifest has no business holding one.
 */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

/**
 * A warning at every string (key or value) of a manifest holding a
 * bidirectional control, naming the first code point. Runs on every
 * manifest, valid or not, so that it comes in the same round as the errors.
 */
export function bidiControlWarnings(document: JsonDocument): Diagnostic[] {
  if (!BIDI_CONTROL.test(document.text)) return [];
  const out: Diagnostic[] = [];
  const check = (text: string, path: (string | number)[], target: 'key' | 'value'): void => {
    const found = BIDI_CONTROL.exec(text);
    if (found === null) return;
    const code = `U+${found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    out.push(
      document.diagnostic(path, `${target === 'key' ? 'key ' : ''}holds the Unicode bidirectional control ${code}, which makes the text display differently from what it is; remove it unless the text is right-to-left prose that needs it`, {
        target,
        severity: 'warning',
      }),
    );
  };
  const walk = (value: unknown, path: (string | number)[]): void => {
    if (typeof value === 'string') check(value, path, 'value');
    else if (Array.isArray(value)) value.forEach((item, i) => walk(item, [...path, i]));
    else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        check(key, [...path, key], 'key');
        walk(item, [...path, key]);
      }
    }
  };
  walk(document.value, []);
  return out;
}
