/**
 * The status page's static files, served by the app under /assets/: its stylesheet and its
 * script. They are strings compiled into the binary, so the page needs no file on disk and no
 * third-party host (the CSP allows only the page's own origin).
 */
import { FORGE_CSS } from "./_forge_css.ts";
import { FORGE_JS } from "./_forge_js.ts";

/** One static file: its media type and its text. */
export interface PageAsset {
  readonly type: string;
  readonly body: string;
}

/** The status page's files by URL path. */
export const PAGE_ASSETS: Readonly<Record<string, PageAsset>> = Object.freeze({
  "/assets/forge.css": { type: "text/css; charset=utf-8", body: FORGE_CSS },
  "/assets/forge.js": { type: "text/javascript; charset=utf-8", body: FORGE_JS },
});
