import * as crypto from 'node:crypto';

/** The SHA-1 of a text, hex (node's one-shot `crypto.hash` where there is one: no Hash object per call). */
export const sha1: (text: string) => string =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha1', text, 'hex')
    : (text) => crypto.createHash('sha1').update(text).digest('hex');
