/**
 * Reading a Zarf package definition (zarf.yaml, as the JSON of a current package's config or the
 * YAML of an older package's zarf.yaml layer) without trusting its shape: what is not an object
 * or a list where one is expected reads as empty. Shared by the sync's image list
 * (zarf-package.reader.ts) and the comparison of two definitions (services/compare/zarf-diff.ts).
 */

/** The value when it is an object (not a list), else an empty object. */
export function objectOrEmpty(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** `value[key]` when both are objects, else an empty object. */
export function objectAt(value: unknown, key: string): Record<string, unknown> {
  return objectOrEmpty(objectOrEmpty(value)[key]);
}

/** `value[key]` when it is a list, else an empty list. */
export function listAt(value: Record<string, unknown>, key: string): unknown[] {
  const list = value[key];
  return Array.isArray(list) ? (list as unknown[]) : [];
}

/** The images a component lists, as written: `images[]`, then each `imageTars[].images[]`. */
export function componentImageEntries(component: Record<string, unknown>): unknown[] {
  return [
    ...listAt(component, "images"),
    ...listAt(component, "imageTars").flatMap((tar) => listAt(objectOrEmpty(tar), "images")),
  ];
}
