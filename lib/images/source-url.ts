/**
 * The `images.source` setting: the URL of the repository the images are
 * built from, written as the `org.opencontainers.image.source` label of
 * every target of the bake file (lib/images/bake.ts). The OCI image spec
 * (annotations.md, "Pre-Defined Annotation Keys") defines the key as the
 * "URL to get source code for building the image"; registries follow it to
 * link an image to its repository (GitHub's container registry does so for
 * an https://github.com/OWNER/REPO URL).
 */

/** An scp-like git address (`git@github.com:acme/tasks.git`): what a clone URL often is, and no URL. */
const SCP_LIKE = /^[\w.-]+@([\w.-]+):(?!\/\/)(.+?)(?:\.git)?$/;

/**
 * Why `value` is not an http(s) URL an image label may carry, as the end of
 * a sentence about it, or undefined. Refused: white space, an scp-like git
 * address (with the https URL it likely means), another scheme, and
 * credentials (a label is readable by anyone who can pull the image).
 */
export function checkSourceUrl(value: string): string | undefined {
  const example = '"https://github.com/acme/data-tasks"';
  if (/\s/.test(value)) return `${JSON.stringify(value)} holds white space; expected an http(s) URL such as ${example}`;
  const scp = SCP_LIKE.exec(value);
  if (scp !== null) return `${JSON.stringify(value)} is a git address, not a URL (did you mean ${JSON.stringify(`https://${scp[1]}/${scp[2]}`)}?)`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${JSON.stringify(value)} is not a URL; expected an http(s) URL such as ${example}`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `must be an http:// or https:// URL (the repository's web address), found the scheme ${JSON.stringify(url.protocol.slice(0, -1))}`;
  if (url.username !== '' || url.password !== '') return `${JSON.stringify(`${url.protocol}//${url.username}${url.password === '' ? '' : ':…'}@${url.host}`)} holds credentials, which every image built would carry in a label anyone who pulls it can read; remove them`;
  return undefined;
}
