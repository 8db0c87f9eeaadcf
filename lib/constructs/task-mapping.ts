import { Construct } from 'constructs';
import {
  MappingV2,
  MappingV2SpecLoadBalancerPolicy,
  MappingV3Alpha1,
  MappingV3Alpha1SpecLoadBalancerPolicy,
} from '../../imports/getambassador.io';
import type { Published, ServiceTask } from '../model';
import { DEFAULT_SETTINGS, type Settings } from '../project-settings';
import { taskMetadata } from './object-meta';
import { stickyCookie } from './sticky-cookie';

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
 * An Emissary-ingress Mapping that routes `prefix` to the task's Service,
 * with the access group as the AuthService's per-route context and the
 * portal's annotations.
 */
export class TaskMapping extends Construct {
  /** The Mapping object (`getambassador.io/v3alpha1` by default, `v2` as a setting). */
  public readonly apiObject: MappingV3Alpha1 | MappingV2;

  constructor(scope: Construct, id: string, props: TaskMappingProps) {
    super(scope, id);
    const { task, published, settings = DEFAULT_SETTINGS } = props;
    const prefix = settings.mapping.portalAnnotationPrefix;
    const metadata = taskMetadata(task, {
      [`${prefix}displayed-name`]: published.displayedName,
      [`${prefix}icon`]: published.icon,
      [`${prefix}visible`]: String(published.visible),
    });
    const spec = {
      prefix: published.prefix,
      rewrite: published.rewrite,
      service: `${task.name}.${task.namespace}:${task.port.containerPort}`,
      timeoutMs: published.timeoutMs,
      bypassAuth: published.bypassAuth ? true : undefined,
      authContextExtensions: published.access === undefined || published.bypassAuth ? undefined : { access: published.access },
      resolver: published.stickySessions ? settings.mapping.stickySessionResolver : undefined,
    };
    const cookie = published.stickySessions ? stickyCookie(task.name, published.prefix) : undefined;
    const hostname = settings.mapping.hostname;
    this.apiObject =
      settings.mapping.apiVersion === 'v2'
        ? new MappingV2(this, 'Resource', {
            metadata,
            spec: {
              ...spec,
              // v2 has no `hostname`; a Mapping without `host` matches every host.
              host: hostname === '*' ? undefined : hostname,
              loadBalancer: cookie && { policy: MappingV2SpecLoadBalancerPolicy.RING_UNDERSCORE_HASH, cookie },
            },
          })
        : new MappingV3Alpha1(this, 'Resource', {
            metadata,
            spec: {
              ...spec,
              hostname,
              loadBalancer: cookie && { policy: MappingV3Alpha1SpecLoadBalancerPolicy.RING_UNDERSCORE_HASH, cookie },
            },
          });
  }
}
