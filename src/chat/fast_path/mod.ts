/**
 * @module
 * The fast path: the common requests read without any model, as proposed calls of the catalog.
 */
export { parseFastPath } from "./parse.ts";
export type { FastPathContext, FastPathResult } from "./parse.ts";
