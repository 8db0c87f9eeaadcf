/** How a check reports a broken property, and the schema validator the checks may be given. */

/** Throws an Error listing every schema problem of the objects (test/support/kube-schema.ts). */
export type SchemaValidator = (objects: readonly unknown[]) => void;

/** A broken property: the message says what, for which input. */
export class PropertyViolation extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PropertyViolation';
  }
}

export const violation = (message: string): never => {
  throw new PropertyViolation(message);
};
