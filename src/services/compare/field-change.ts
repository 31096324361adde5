/** A value of the older and of the newer version, and whether they differ. */
export interface FieldChange<T> {
  from: T;
  to: T;
  changed: boolean;
}

export function fieldChange<T>(from: T, to: T): FieldChange<T> {
  return { from, to, changed: from !== to };
}
