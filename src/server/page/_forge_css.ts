/**
 * forge.css: the status page's only styles. System fonts, colours from the same roles as the
 * terminal dashboard's theme (ok, warn, danger, info, special, muted), light or dark by
 * `prefers-color-scheme`, and no fixed widths: sections flow into columns when there is room,
 * and a wide table scrolls sideways inside its own box instead of widening the page.
 */

/** The stylesheet served at /assets/forge.css. */
export const FORGE_CSS = `:root {
  color-scheme: light dark;
  --bg: #ffffff;
  --fg: #1f2328;
  --muted: #59636e;
  --surface: #f6f8fa;
  --border: #d1d9e0;
  --ok: #1a7f37;
  --warn: #9a6700;
  --danger: #d1242f;
  --info: #0969da;
  --special: #8250df;
  --orange: #bc4c00;
  --mono: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117;
    --fg: #e6edf3;
    --muted: #9198a1;
    --surface: #151b23;
    --border: #3d444d;
    --ok: #3fb950;
    --warn: #d29922;
    --danger: #f85149;
    --info: #4493f8;
    --special: #ab7df8;
    --orange: #db6d28;
  }
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0 auto;
  max-width: 100rem;
  padding: 0 max(1rem, env(safe-area-inset-left)) 1rem;
  background: var(--bg);
  color: var(--fg);
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans",
    Arial, sans-serif;
}
a { color: var(--info); }
code, th[data-field="id"], td[data-field="bead"], td[data-field="uptime"] { font-family: var(--mono); font-size: 0.9em; }
.top {
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: 0.25rem 1rem;
  padding: 0.75rem 0;
  border-bottom: 1px solid var(--border);
}
.top h1 { margin: 0; font-size: 1.3rem; letter-spacing: 0.04em; }
.top nav ul { display: flex; flex-wrap: wrap; gap: 0.25rem 0.75rem; margin: 0; padding: 0; list-style: none; }
.status-line { margin: 0; display: flex; gap: 0.5rem; flex-wrap: wrap; }
.pill {
  display: inline-block;
  padding: 0.05rem 0.6rem;
  border: 1px solid var(--border);
  border-radius: 999px;
  font-size: 0.85rem;
  color: var(--muted);
}
.pill.warn { color: var(--warn); border-color: currentColor; }
#live::before { content: "○ "; }
#live[data-state="connected"] { color: var(--ok); border-color: currentColor; }
#live[data-state="connected"]::before { content: "● "; }
#live[data-state="reconnecting"], #live[data-state="connecting"], #live[data-state="stale"] {
  color: var(--warn);
}
#live[data-state="reconnecting"]::before, #live[data-state="connecting"]::before { content: "◐ "; }
main {
  display: grid;
  grid-template-columns: repeat(auto-fit, minmax(min(100%, 34rem), 1fr));
  gap: 1rem;
  padding: 1rem 0;
}
main > .summary, #workers, #tasks, #problems, #loading { grid-column: 1 / -1; }
.summary dl {
  display: flex;
  flex-wrap: wrap;
  gap: 0.5rem 1.5rem;
  margin: 0;
  padding: 0.75rem 1rem;
  background: var(--surface);
  border: 1px solid var(--border);
  border-radius: 0.5rem;
}
.summary dt { font-size: 0.75rem; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); }
.summary dd { margin: 0; font-weight: 600; }
.panel {
  min-width: 0;
  padding: 0.75rem 1rem;
  border: 1px solid var(--border);
  border-radius: 0.5rem;
}
.panel h2 { margin: 0 0 0.5rem; font-size: 1.05rem; }
.panel h3 { margin: 1rem 0 0.25rem; font-size: 0.95rem; }
.note { font-weight: normal; font-size: 0.85rem; color: var(--muted); margin-left: 0.5rem; }
.problems { border-color: var(--warn); }
.tally { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; margin: 0 0 0.5rem; padding: 0; list-style: none; }
.scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; max-width: 100%; }
.scroll:focus-visible { outline: 2px solid var(--info); outline-offset: 2px; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { padding: 0.3rem 0.6rem 0.3rem 0; text-align: left; vertical-align: top; white-space: nowrap; }
thead th {
  font-size: 0.75rem;
  font-weight: 600;
  text-transform: uppercase;
  letter-spacing: 0.05em;
  color: var(--muted);
  border-bottom: 1px solid var(--border);
}
tbody th { font-weight: 600; }
tbody tr + tr > * { border-top: 1px solid var(--border); }
.num { text-align: right; }
.wrap { white-space: normal; min-width: 14em; overflow-wrap: anywhere; }
.strong { font-weight: 600; }
meter { width: 100%; min-width: 6em; height: 0.9em; }
.budget p { margin: 0.5rem 0 0.25rem; }
.empty { margin: 0.5rem 0; color: var(--muted); }
.empty strong { color: var(--fg); }
.more, .hint { margin: 0.5rem 0 0; color: var(--muted); font-size: 0.9rem; }
footer { padding: 0.5rem 0 1rem; border-top: 1px solid var(--border); font-size: 0.85rem; }
footer p { margin: 0; }
.ok { color: var(--ok); }
.warn { color: var(--warn); }
.danger { color: var(--danger); }
.info { color: var(--info); }
.special { color: var(--special); }
.orange { color: var(--orange); }
.muted { color: var(--muted); }
.sr {
  position: absolute;
  width: 1px;
  height: 1px;
  margin: -1px;
  overflow: hidden;
  clip-path: inset(50%);
  white-space: nowrap;
}
@media (max-width: 40rem) {
  body { font-size: 14px; }
  .panel { padding: 0.5rem 0.75rem; }
}
@media (prefers-reduced-motion: no-preference) {
  html { scroll-behavior: smooth; }
}
`;
