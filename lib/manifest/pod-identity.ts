/**
 * `service-account` and `image-pull-secrets`: who the pod runs as and which
 * Secrets authenticate its image pulls. Both name objects of the task's
 * namespace (kubernetes pkg/apis/core/validation: `ValidateServiceAccountName`
 * and Secret names are DNS-1123 subdomains).
 */
import * as z from '../zod';
import { checkDns1123Subdomain } from '../validation/kubernetes-names';
import { nameString } from './zod-helpers';

/** `service-account`: the pod's `serviceAccountName`. */
export const serviceAccountField = nameString(checkDns1123Subdomain);

/** `image-pull-secrets`: Secret names, each once. */
export const imagePullSecretsField = z.array(nameString(checkDns1123Subdomain)).superRefine((names, ctx) => {
  names.forEach((name, i) => {
    const first = names.indexOf(name);
    if (first !== i) ctx.addIssue({ code: 'custom', path: [i], message: `duplicate Secret ${JSON.stringify(name)} (also at [${first}])` });
  });
});
