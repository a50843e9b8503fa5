/**
 * The merge rule of configuration layers: mappings merge key by key, everything else (lists,
 * scalars, null) replaces what was there.
 */
import { isMapping } from "./_layer.ts";

/**
 * Merges `over` onto `base` without changing either.
 *
 * @param base the lower layer
 * @param over the higher layer
 * @returns a new mapping; nested mappings are copies
 */
export function deepMerge(
  base: Readonly<Record<string, unknown>>,
  over: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(base)) define(out, key, copy(value));
  for (const [key, value] of Object.entries(over)) {
    const below = out[key];
    const merged = isMapping(below) && isMapping(value) && Object.hasOwn(out, key)
      ? deepMerge(below, value)
      : copy(value);
    define(out, key, merged);
  }
  return out;
}

function copy(value: unknown): unknown {
  return isMapping(value) ? deepMerge({}, value) : value;
}

/** Plain assignment would treat a YAML key named `__proto__` as the prototype. */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}
