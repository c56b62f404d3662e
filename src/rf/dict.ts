/**
 * Dictionaries keyed by names that come from users and files. A plain object literal resolves
 * "__proto__", "constructor" or "toString" to Object.prototype's members (and assigning "__proto__"
 * replaces the prototype), so every such table is prototype-free and every lookup reads own keys only.
 */

/** An empty object with no prototype: any string is an ordinary key. */
export function dict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** rec[key] when key is rec's own property, else undefined (also safe on objects cloned across workers). */
export function own<T>(rec: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(rec, key) ? rec[key] : undefined;
}
