/** Name parts that make an environment variable look like it holds a secret. */
const SECRET_WORDS = new Set(['PASSWORD', 'PASSWD', 'PWD', 'PASS', 'TOKEN', 'SECRET', 'KEY', 'APIKEY', 'CREDENTIAL', 'CREDENTIALS', 'PRIVATE']);

/**
 * Whether an environment variable's name looks like it holds a secret: one
 * of its parts (split at anything but letters and digits, case-insensitive)
 * is a secret word (`DB_PASSWORD`, `api-token`, `AWS_SECRET_ACCESS_KEY`).
 * The one rule of the project: the plain-text warning of a manifest, and
 * which values `compare` leaves out.
 */
export function looksLikeSecret(name: string): boolean {
  return name.toUpperCase().split(/[^A-Z0-9]+/).some((word) => SECRET_WORDS.has(word));
}
