/**
 * Hostile inputs. {@link hostileCaseArbitrary} gives mutations of valid
 * manifests, and plain garbage, each with whether the loader must refuse it;
 * {@link hostileWithSettingsArbitrary} pairs one with project settings.
 */
import * as fc from 'fast-check';
import { clone, type Path } from './json-tree';
import { applyObjectMutation, objectMutation } from './object-mutations';
import type { FuzzOptions } from './options';
import { settingsInputArbitrary } from './settings';
import { stringifyWithDuplicateKey, textMutation } from './text-mutations';
import { layout, validCaseArbitrary } from './valid-case';

/** A manifest text that is not (necessarily) valid, and what must happen to it. */
export interface HostileCase {
  /** What was done, for failure reports. */
  readonly description: string;
  /** The text given to the loader (what reading `bytes` as UTF-8 gives, when there are bytes). */
  readonly text: string;
  /** The file's bytes, when they are not the UTF-8 encoding of `text`. */
  readonly bytes?: Uint8Array;
  /** Whether the loader must refuse it (it certainly breaks a rule). */
  readonly mustReject: boolean;
}

/**
 * Mutations of valid manifests, and garbage: random bytes, random JSON.
 * `restricted`: the valid manifests mutated are those of a restricted Pod
 * Security profile (see {@link validCaseArbitrary}).
 */
export function hostileCaseArbitrary(options: FuzzOptions = {}, restricted = false): fc.Arbitrary<HostileCase> {
  const mutated = fc
    .tuple(validCaseArbitrary(options, undefined, restricted), fc.array(objectMutation(options), { minLength: 0, maxLength: 3 }), textMutation, layout)
    .map(([c, mutations, text, indent]): HostileCase => {
      const m = clone(c.manifest);
      const done: string[] = [`${c.shape}`];
      let mustReject = false;
      const locked: Path[] = [];
      for (const mutation of mutations) {
        const r = applyObjectMutation(m, mutation, locked);
        done.push(r.description);
        mustReject ||= r.mustReject;
      }
      let out: string;
      if (text.kind === 'duplicate-key') {
        const r = stringifyWithDuplicateKey(m, text.pick);
        out = r.text;
        mustReject ||= r.duplicated;
        done.push('duplicate key');
      } else {
        out = JSON.stringify(m, null, indent);
      }
      out = out
        .replace(/"\\u0000NUMBER:([^\\"]*)\\u0000"/g, '$1')
        .replace(/"\\u0000DEEP:(array|object):(\d+)\\u0000"/g, (_, shape: string, depth: string) =>
          shape === 'array' ? '['.repeat(Number(depth)) + ']'.repeat(Number(depth)) : '{"a":'.repeat(Number(depth)) + '1' + '}'.repeat(Number(depth)),
        );
      switch (text.kind) {
        case 'truncate': {
          const last = out.lastIndexOf('}');
          const at = last <= 0 ? 0 : text.at % last;
          out = out.slice(0, at);
          mustReject = true;
          done.push(`truncated at ${at}`);
          break;
        }
        case 'bom':
          out = `\ufeff${out}`;
          mustReject = true;
          done.push('BOM');
          break;
        case 'crlf':
          out = out.replace(/\n/g, '\r\n');
          done.push('CRLF');
          break;
        case 'raw-surrogates': {
          // Lone surrogates written as such rather than as \u escapes (a file read as UTF-8 never holds one; the API may still be given one).
          const before = out;
          out = out.replace(/(?<!\\)\\u(d[89a-f][0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
          if (out !== before) done.push('raw surrogates');
          break;
        }
        case 'splice': {
          const at = text.at % (out.length + 1);
          out = out.slice(0, at) + text.insert + out.slice(at);
          done.push(`spliced ${JSON.stringify(text.insert)} at ${at}`);
          break;
        }
        case 'none':
        case 'duplicate-key':
          break;
      }
      return { description: done.join('; '), text: out, mustReject };
    });

  const randomBytes = fc.uint8Array({ maxLength: 400 }).map((bytes): HostileCase => ({
    description: `${bytes.length} random bytes`,
    text: Buffer.from(bytes).toString('utf8'),
    bytes,
    mustReject: true,
  }));
  const randomText = fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v))).map((text): HostileCase => ({
    description: 'random text or JSON',
    text,
    mustReject: true,
  }));
  return fc.oneof({ weight: 12, arbitrary: mutated }, { weight: 1, arbitrary: randomBytes }, { weight: 1, arbitrary: randomText });
}

/** Settings (the settings file's JSON) and a hostile manifest to go with them. */
export function hostileWithSettingsArbitrary(options: FuzzOptions = {}): fc.Arbitrary<{ settings: Record<string, unknown>; case: HostileCase }> {
  // Built once each, not per sample (see validWithSettingsArbitrary).
  const baseline = hostileCaseArbitrary(options, false);
  const restricted = hostileCaseArbitrary(options, true);
  return settingsInputArbitrary.chain((settings) => (settings.podSecurity === 'restricted' ? restricted : baseline).map((c) => ({ settings, case: c })));
}
