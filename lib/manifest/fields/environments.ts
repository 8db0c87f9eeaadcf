/**
 * `environments`: the environments of the `environments` setting a task
 * runs in (SPEC, "Environments"); by default, every one. The field shapes
 * no object: it decides which environment folders get the task's file.
 */
import * as z from '../../zod';
import { didYouMean } from '../../validation/suggest';
import { checkDns1123Label } from '../../validation/kubernetes-names';
import { dns1123Label } from '../json-schema-patterns';
import { always, nameString } from '../zod-helpers';

export const environmentsFields = {
  environments: z
    .array(nameString(checkDns1123Label).meta({ ...dns1123Label(63) }))
    // `always`: a duplicate is reported even when another entry is invalid (every error in one run), as image-pull-secrets does.
    .superRefine((names, ctx) => {
      if (!Array.isArray(names)) return;
      names.forEach((name, i) => {
        const first = names.indexOf(name);
        if (typeof name === 'string' && first !== i) ctx.addIssue({ code: 'custom', path: [i], message: `duplicate environment ${JSON.stringify(name)} (also at [${first}])` });
      });
    }, always)
    .readonly()
    .optional()
    .meta({
      description:
        'Not required; an extension. The environments (of the "environments" setting in datatask.settings.json) this task runs in; ' +
        'by default every one. Each has its output folder, dist/<environment>/, and may have an overlay, manifest.<environment>.json, beside this file. ' +
        'Refused in a project without environments.',
      examples: [['dev', 'staging']],
      uniqueItems: true,
    }),
};

/**
 * The rule that each name of a task's `environments` is a declared one
 * (`declared`, the environments of the settings; none in a project
 * without environments), with a did-you-mean.
 */
export function environmentsRule(declared: readonly string[]) {
  return (raw: Readonly<Record<string, unknown>>, ctx: z.RefinementCtx): void => {
    const listed = raw.environments;
    if (!Array.isArray(listed) || listed.length === 0) return;
    if (declared.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['environments'], message: 'the settings declare no environments (no "environments" setting); declare them there, or remove this field' });
      return;
    }
    listed.forEach((name, i) => {
      if (typeof name !== 'string' || declared.includes(name)) return;
      const suggestion = didYouMean(name, declared);
      const hint = suggestion === undefined ? `the settings declare ${declared.map((d) => JSON.stringify(d)).join(', ')}` : `did you mean "${suggestion}"?`;
      ctx.addIssue({ code: 'custom', path: ['environments', i], message: `${JSON.stringify(name)} is not a declared environment (${hint})` });
    });
  };
}

/**
 * The environments a manifest's task runs in: those its `environments`
 * lists (the declared ones among them), or, without the field (or with an
 * invalid one, reported by the schema), every declared one.
 */
export function environmentsOf(manifest: unknown, declared: readonly string[]): readonly string[] {
  const listed = typeof manifest === 'object' && manifest !== null ? (manifest as Record<string, unknown>).environments : undefined;
  if (!Array.isArray(listed) || listed.length === 0 || !listed.every((name) => typeof name === 'string')) return declared;
  const named = declared.filter((name) => listed.includes(name));
  return named.length === 0 ? declared : named;
}
