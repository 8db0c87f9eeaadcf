import * as z from '../zod';
import type { Published } from '../model';

const MATERIAL_ICON = /^[a-z0-9_]+$/;

/** Defaults of the `published` keys, from the manifest format. */
export const PUBLISHED_DEFAULTS = {
  timeoutMs: 6000,
  bypassAuth: false,
  stickySessions: false,
  icon: 'import_contacts',
  visible: true,
} as const;

/** The `published` object of a service: Emissary Mapping fields and portal settings. */
export const publishedSchema = z
  .strictObject({
    access: z.string().min(1).optional(),
    prefix: z.string().refine((p) => p.startsWith('/'), { error: (iss) => `must start with "/" (found ${JSON.stringify(iss.input)})` }),
    rewrite: z.string().optional(),
    timeout_ms: z.int().min(1).max(2 ** 31 - 1).default(PUBLISHED_DEFAULTS.timeoutMs),
    sticky_sessions: z.boolean().default(PUBLISHED_DEFAULTS.stickySessions),
    bypass_auth: z.boolean().default(PUBLISHED_DEFAULTS.bypassAuth),
    displayed_name: z.string().min(1).max(253).optional(),
    icon: z
      .string()
      .max(2048)
      .refine((icon) => MATERIAL_ICON.test(icon) || /^https?:\/\/[^\s]+$/.test(icon), {
        error: (iss) => `expected a Material icon name (such as "import_contacts") or an http(s) URL, found ${JSON.stringify(iss.input)}`,
      })
      .default(PUBLISHED_DEFAULTS.icon),
    visible: z.boolean().default(PUBLISHED_DEFAULTS.visible),
  })
  .superRefine((p, ctx) => {
    if (p.access === undefined && !p.bypass_auth) {
      ctx.addIssue({ code: 'custom', path: ['access'], message: 'is required unless "bypass_auth" is true (the group given access to the service)' });
    }
  });

/** The model of `published`, with the task's name as the default displayed name. */
export function toPublished(p: z.output<typeof publishedSchema>, taskName: string): Published {
  return {
    prefix: p.prefix,
    rewrite: p.rewrite,
    timeoutMs: p.timeout_ms,
    bypassAuth: p.bypass_auth,
    access: p.access,
    stickySessions: p.sticky_sessions,
    displayedName: p.displayed_name ?? taskName,
    icon: p.icon,
    visible: p.visible,
  };
}
