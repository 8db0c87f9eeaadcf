/**
 * The container image: `image-source` (an image used as it is) or
 * `image-destination` (built from the task folder), how nodes pull it, and
 * the Secrets that authenticate the pulls (Secret names are DNS-1123
 * subdomains, kubernetes pkg/apis/core/validation `ValidateSecretName`).
 */
import * as z from '../../zod';
import type { ImagePullPolicy } from '../../model';
import { parseImageReference } from '../../validation/image';
import { checkDns1123Subdomain } from '../../validation/kubernetes-names';
import { DNS1123_SUBDOMAIN_SCHEMA } from '../json-schema-patterns';
import { always, checkedString, nameString } from '../zod-helpers';
import { type FieldRule, type Mistakes, manifestType } from './field';

/** The format's default pull policy. */
export const DEFAULT_IMAGE_PULL_POLICY: ImagePullPolicy = 'Always';

/** A container image reference. */
const imageField = checkedString((value) => {
  const result = parseImageReference(value);
  return result.ok ? undefined : result.message;
});

/** `image-pull-secrets`: Secret names, each once; a duplicate is reported even when another entry is invalid (every error in one run). */
const imagePullSecretsField = z.array(nameString(checkDns1123Subdomain).meta(DNS1123_SUBDOMAIN_SCHEMA)).superRefine((names, ctx) => {
  if (!Array.isArray(names)) return;
  names.forEach((name, i) => {
    const first = names.indexOf(name);
    if (typeof name === 'string' && first !== i) ctx.addIssue({ code: 'custom', path: [i], message: `duplicate Secret ${JSON.stringify(name)} (also at [${first}])` });
  });
}, always);

export const imageFields = {
  'image-source': imageField.optional().meta({
    description:
      'Docker registry image. If set, this image is used directly to run your application, and "image-destination" is not set. ' +
      'Exactly one of "image-source" and "image-destination" is set ("" means not set).',
    examples: ['europe-docker.pkg.dev/acme/data/etl:1.4.2'],
  }),
  'image-destination': imageField.optional().meta({
    description:
      'Docker registry image. If set, it is the image and tag produced by the docker build whose context is the code directory beside this manifest.json, ' +
      'and "image-source" is not set. Exactly one of "image-source" and "image-destination" is set ("" means not set).',
    examples: ['europe-docker.pkg.dev/acme/data/orders-api:2.0.1'],
  }),
  'image-pull-policy': z.enum(['Always', 'IfNotPresent', 'Never']).default(DEFAULT_IMAGE_PULL_POLICY).meta({
    description: 'Not required, default "Always". Possible values: "Always", "IfNotPresent", "Never".',
    examples: ['IfNotPresent'],
  }),
  'image-pull-secrets': imagePullSecretsField.default([]).meta({
    description:
      'Not required; an extension. Names of Secrets (of type kubernetes.io/dockerconfigjson, in the task\'s namespace) used to pull the image from a private registry.',
    examples: [['registry-credentials']],
    uniqueItems: true,
  }),
};

/** Exactly one image: given, or built. */
const checkOneImage: FieldRule = (raw, _settings, ctx) => {
  // As the other rules that depend on the kind, only once `type` is valid.
  if (manifestType(raw) === undefined) return;
  if (raw['image-source'] === undefined && raw['image-destination'] === undefined) {
    ctx.addIssue({ code: 'custom', path: ['image-source'], message: 'is required (or "image-destination", for an image built from the task folder)' });
  } else if (raw['image-source'] !== undefined && raw['image-destination'] !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['image-destination'], message: 'cannot be set together with "image-source"; set exactly one of them' });
  }
};

export const imageRules: readonly FieldRule[] = [checkOneImage];

/** A built image that nodes never pull. */
export const imageMistakes: Mistakes = (task) =>
  task.imageBuilt && task.imagePullPolicy === 'Never'
    ? [{ path: ['image-pull-policy'], message: '"Never" makes nodes use only an image they already have, but an image-destination is built and pushed to a registry; did you mean "IfNotPresent" or "Always"?' }]
    : [];

type ImageValues = z.output<z.ZodObject<typeof imageFields>>;

/** The model of the image fields. */
export function toImage(m: ImageValues) {
  const image = m['image-source'] ?? m['image-destination'];
  if (image === undefined) throw new Error('a manifest without an image passed validation');
  return { image, imageBuilt: m['image-source'] === undefined, imagePullPolicy: m['image-pull-policy'], imagePullSecrets: m['image-pull-secrets'] };
}
