import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic';
import type { JsonDocument } from '../diagnostics/json-document';
import type { CustomResourceDefinitions, CustomResourceVersion } from './custom-resource-definitions';
import { compareStrings } from '../compare';
import { fileSystemReason, toPosix } from '../manifest/discover';
import { sha1 } from '../hash';

/**
 * The CustomResourceDefinitions of the project's `crds` setting: the kinds a
 * platform hook may emit besides the Kubernetes 1.27 kinds and Emissary's
 * Mapping, each checked against its CRD's structural schema
 * (./kube-schema.ts, `compileCustomResource`).
 */

const GLOB_CHARACTERS = /[*?[\]{}()!]/;

/**
 * Reads the CRD files the `crds` setting lists: paths or globs (fast-glob
 * syntax) relative to `projectDir`, the settings file's folder. Files are
 * taken once each, sorted by path. Every problem is a diagnostic located at
 * its entry of the setting in `document`: a path leaving the project, a glob
 * that matches no file, a file that cannot be read, is not YAML, holds
 * anything but `apiextensions.k8s.io/v1` CustomResourceDefinitions, serves a
 * version without a schema, or a schema the checker does not support; a kind
 * of a group listed twice.
 */
export function readCustomResourceDefinitions(
  projectDir: string,
  patterns: readonly string[],
  document: JsonDocument,
): { readonly definitions?: CustomResourceDefinitions; readonly diagnostics: readonly Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const files = new Map<string, number>();
  patterns.forEach((pattern, i) => {
    const problem = (message: string) => diagnostics.push(document.diagnostic(['crds', i], message));
    const normal = path.posix.normalize(pattern.replace(/\\/g, '/'));
    if (path.isAbsolute(pattern) || normal === '..' || normal.startsWith('../')) {
      problem(`${JSON.stringify(pattern)} leaves the project folder; list CRD files by a path relative to it (copy the CRD into the project, e.g. crds/)`);
      return;
    }
    const matched = GLOB_CHARACTERS.test(pattern) ? globFiles(projectDir, pattern) : [normal];
    if (matched.length === 0) problem(`${JSON.stringify(pattern)} matches no file in ${toPosix(projectDir)}`);
    for (const file of matched) if (!files.has(file)) files.set(file, i);
  });

  const versions: CustomResourceVersion[] = [];
  const kinds = new Map<string, string>();
  const hashed: string[] = [];
  for (const file of [...files.keys()].sort(compareStrings)) {
    const entry = files.get(file)!;
    const problem = (message: string) => diagnostics.push(document.diagnostic(['crds', entry], `${file}: ${message}`));
    let text: string;
    try {
      const stat = fs.statSync(path.join(projectDir, file));
      if (!stat.isFile()) {
        problem(stat.isDirectory() ? 'is a folder; list the CRD files in it, or a glob such as "crds/*.yaml"' : 'is not a regular file');
        continue;
      }
      text = fs.readFileSync(path.join(projectDir, file), 'utf8');
    } catch (error) {
      problem(`cannot be read: ${fileSystemReason(error)}`);
      continue;
    }
    hashed.push(file, text);
    const read = crdsOfFile(file, text);
    if (typeof read === 'string') {
      problem(read);
      continue;
    }
    for (const version of read) {
      const id = `${version.kind}.${version.group}`;
      const first = kinds.get(id);
      if (first !== undefined && first !== file) {
        problem(`defines ${id} again (${first} already does); list each CRD once`);
        continue;
      }
      kinds.set(id, file);
      try {
        // Compiled now, so that a schema the checker does not support is an error of the setting, not of every task.
        (require('./kube-schema') as typeof import('./kube-schema')).compileCustomResource(version);
      } catch (error) {
        problem(`${(error as Error).message.replace(/^kube-schema: /, '')} (the CRD cannot be checked)`);
        continue;
      }
      versions.push(version);
    }
  }
  if (diagnostics.length > 0) return { diagnostics };
  return { definitions: { versions, hash: sha1(JSON.stringify(hashed)) }, diagnostics };
}

/** The project's files a glob matches, relative and `/`-separated (hidden files and node_modules only when named). */
function globFiles(projectDir: string, pattern: string): string[] {
  const fg = require('fast-glob') as typeof import('fast-glob');
  return fg.sync(pattern, { cwd: projectDir, onlyFiles: true, unique: true, ignore: ['**/node_modules/**'] });
}

interface CrdDocument {
  readonly apiVersion?: unknown;
  readonly kind?: unknown;
  readonly spec?: {
    readonly group?: unknown;
    readonly names?: { readonly kind?: unknown };
    readonly versions?: ReadonlyArray<{ readonly name?: unknown; readonly served?: unknown; readonly schema?: { readonly openAPIV3Schema?: unknown } }>;
  };
}

/**
 * The served versions of the CRDs of one YAML file (one CRD a document;
 * empty documents skipped), or why the file is not a CRD file. Only
 * `served: true` versions accept objects (apiextensions-apiserver: a
 * request for a version not served is 404).
 */
function crdsOfFile(file: string, text: string): CustomResourceVersion[] | string {
  const documents = parseAllDocuments(text);
  const list = Array.isArray(documents) ? documents : [documents];
  const versions: CustomResourceVersion[] = [];
  for (const [n, document] of list.entries()) {
    const error = document.errors[0];
    if (error !== undefined) return `is not valid YAML: ${error.message.split('\n')[0]}`;
    const crd = document.toJS() as CrdDocument | null;
    if (crd === null) continue;
    const where = list.length === 1 ? '' : ` (document ${n + 1})`;
    if (crd.apiVersion !== 'apiextensions.k8s.io/v1' || crd.kind !== 'CustomResourceDefinition') {
      return `is not an apiextensions.k8s.io/v1 CustomResourceDefinition${where}: found ${JSON.stringify(crd.apiVersion)} ${JSON.stringify(crd.kind)}`;
    }
    const group = crd.spec?.group;
    const kind = crd.spec?.names?.kind;
    if (typeof group !== 'string' || typeof kind !== 'string' || !Array.isArray(crd.spec?.versions)) {
      return `the CustomResourceDefinition${where} has no spec.group, spec.names.kind or spec.versions`;
    }
    for (const version of crd.spec.versions) {
      if (version.served !== true) continue;
      const schema = version.schema?.openAPIV3Schema;
      if (typeof version.name !== 'string' || schema === null || typeof schema !== 'object') {
        return `${kind}.${group} version ${JSON.stringify(version.name)}${where} is served but has no schema.openAPIV3Schema`;
      }
      versions.push({ file, group, version: version.name, kind, schema: schema as Record<string, unknown> });
    }
  }
  if (versions.length === 0) return 'holds no CustomResourceDefinition with a served version';
  return versions;
}
