/** Drops blank items from every list of strings inside a value (lines typed into list fields). */
export function withoutBlankItems<T>(value: T): T {
  if (Array.isArray(value)) {
    const items = value.every((v) => typeof v === 'string') ? (value as string[]).map((v) => v.trim()).filter(Boolean) : value.map(withoutBlankItems);
    return items as T;
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutBlankItems(v)])) as T;
  }
  return value;
}
