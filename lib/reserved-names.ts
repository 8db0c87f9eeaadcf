/**
 * Names the rendered objects reserve, shared by the manifest schema (which
 * refuses them in a manifest) and the constructs (which write them). Kept
 * apart from both so that importing a construct does not load zod.
 */

/** The environment variable that points Google client libraries at the mounted key. */
export const GOOGLE_APPLICATION_CREDENTIALS = 'GOOGLE_APPLICATION_CREDENTIALS';
