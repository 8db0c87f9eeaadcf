import type { Diagnostic } from '../diagnostics/diagnostic';
import { compareStrings } from '../compare';

/** What makes two diagnostics the same finding. */
export function identity(d: Diagnostic): string {
  return `${d.severity}\0${d.file}\0${d.offset}\0${d.path}\0${d.message}`;
}

/**
 * The diagnostics of one task folder, or of the rules across tasks, in every environment, each kept once
 * with the environments it occurs in.
 */
export class EnvironmentFindings {
  private readonly byIdentity = new Map<string, { diagnostic: Diagnostic; environments: Set<string> }>();

  public add(environment: string, diagnostics: readonly Diagnostic[]): void {
    for (const d of diagnostics) {
      const key = identity(d);
      const held = this.byIdentity.get(key);
      if (held === undefined) this.byIdentity.set(key, { diagnostic: d, environments: new Set(d.environments ?? [environment]) });
      else for (const name of d.environments ?? [environment]) held.environments.add(name);
    }
  }

  /** Every diagnostic once; named by environment unless it occurs in each of `all` (the environments the task was loaded in). */
  public diagnostics(all: readonly string[]): Diagnostic[] {
    return [...this.byIdentity.values()].map(({ diagnostic, environments }) => {
      const everywhere = diagnostic.environments === undefined && all.every((name) => environments.has(name));
      const { environments: _dropped, ...rest } = diagnostic;
      return everywhere ? rest : { ...rest, environments: [...environments].sort(compareStrings) };
    });
  }
}
