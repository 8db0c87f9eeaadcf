import type { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { Published, ServiceTask } from '../model';
import { DEFAULT_SETTINGS, type Settings } from '../project-settings';
import { JsonApiObject } from './json-api-object';
import { taskMetadata } from './object-meta';
import { type StickyCookie, stickyCookie } from './sticky-cookie';

/** Properties for `TaskMapping`. */
export interface TaskMappingProps {
  /** The published `service` task: its name, namespace and container port. */
  readonly task: ServiceTask;
  /** Its `published` block: prefix, rewrite, timeout, access, sticky sessions, portal annotations. */
  readonly published: Published;
  /**
   * Project settings: the Mapping API version, hostname, resolver and portal annotation prefix.
   * @default DEFAULT_SETTINGS (v3alpha1, hostname "*", resolver "endpoint", prefix "portal.datatask.io/")
   */
  readonly settings?: Settings;
}

/**
 * The fields of a Mapping's `spec` that `TaskMapping` writes, by their names
 * in the Mapping CRD (imports/crds/getambassador.io_mappings.yaml, the same
 * in v2 and v3alpha1 but for `host` and `hostname`); the CRD's classes in
 * imports/getambassador.io.ts name them in camelCase and convert them.
 */
interface MappingSpec {
  readonly prefix: string;
  readonly rewrite: string | undefined;
  readonly service: string;
  readonly timeout_ms: number;
  readonly bypass_auth: true | undefined;
  readonly auth_context_extensions: Readonly<Record<string, string>> | undefined;
  readonly resolver: string | undefined;
  /** v2's host match; v2 has no `hostname`. */
  readonly host?: string | undefined;
  /** v3alpha1's host match. */
  readonly hostname?: string;
  readonly load_balancer: { readonly policy: 'ring_hash'; readonly cookie: StickyCookie } | undefined;
}

/**
 * An Emissary-ingress Mapping that routes `prefix` to the task's Service,
 * with the access group as the AuthService's per-route context and the
 * portal's annotations.
 */
export class TaskMapping extends Construct {
  /** The Mapping object (`getambassador.io/v3alpha1` by default, `v2` as a setting). */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: TaskMappingProps) {
    super(scope, id);
    const { task, published, settings = DEFAULT_SETTINGS } = props;
    const prefix = settings.mapping.portalAnnotationPrefix;
    const metadata = taskMetadata(task, {
      [`${prefix}displayed-name`]: published.displayedName,
      [`${prefix}icon`]: published.icon,
      [`${prefix}visible`]: String(published.visible),
    });
    const hostname = settings.mapping.hostname;
    const spec: MappingSpec = {
      prefix: published.prefix,
      rewrite: published.rewrite,
      service: `${task.name}.${task.namespace}:${task.port.containerPort}`,
      timeout_ms: published.timeoutMs,
      bypass_auth: published.bypassAuth ? true : undefined,
      auth_context_extensions: published.access === undefined || published.bypassAuth ? undefined : { access: published.access },
      resolver: published.stickySessions ? settings.mapping.stickySessionResolver : undefined,
      // v2 has no `hostname`; a Mapping without `host` matches every host.
      ...(settings.mapping.apiVersion === 'v2' ? { host: hostname === '*' ? undefined : hostname } : { hostname }),
      load_balancer: published.stickySessions ? { policy: 'ring_hash', cookie: stickyCookie(task.name, published.prefix) } : undefined,
    };
    this.apiObject = new JsonApiObject(this, 'Resource', { apiVersion: `getambassador.io/${settings.mapping.apiVersion}`, kind: 'Mapping', metadata, spec });
  }
}
