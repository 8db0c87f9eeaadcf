/**
 * The Argo CD sync options that recreate (and so rerun) a changed Job. In a
 * file of its own, without cdk8s, so that validation can name its key.
 */
export const ARGOCD_REPLACE_ANNOTATION = { 'argocd.argoproj.io/sync-options': 'Force=true,Replace=true' } as const;
