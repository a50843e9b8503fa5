/**
 * The pieces every section of the status page is made of: the section with its heading, a table
 * that scrolls sideways in its own box on narrow screens, a glyph with its word, an empty state
 * and the "… and N more" line under a capped list.
 */
import { count } from "./_format.ts";
import { type Html, type HtmlValue, markup } from "./_html.ts";
import type { Badge, Tone } from "./_symbols.ts";

/**
 * A section with a heading and a short note beside it.
 *
 * @param id the section's id (the header's links jump to it; tests find it)
 * @param title the heading
 * @param note figures beside the heading
 * @param body the content
 * @returns markup
 */
export function section(id: string, title: string, note: string, body: HtmlValue): Html {
  const aside = note === "" ? "" : markup` <span class="note" data-field="note">${note}</span>`;
  return markup`<section id="${id}" class="panel" aria-labelledby="${id}-title">
<h2 id="${id}-title">${title}${aside}</h2>
${body}</section>
`;
}

/** A column: its heading, and whether it holds figures (right-aligned). */
export interface ColumnHead {
  readonly title: string;
  readonly num?: boolean;
}

/**
 * A table in a box that scrolls sideways on its own, so a narrow screen never scrolls the page.
 *
 * @param name the table's name (`data-table`, and the box's id for keeping its scroll position)
 * @param columns the headings
 * @param rows the rows (`<tr>` markup)
 * @returns markup
 */
export function scrollTable(name: string, columns: readonly ColumnHead[], rows: HtmlValue): Html {
  const heads = columns.map((c) =>
    c.num === true
      ? markup`<th scope="col" class="num">${c.title}</th>`
      : markup`<th scope="col">${c.title}</th>`
  );
  // tabindex lets keyboard users scroll the box; the label names it for screen readers.
  return markup`<div class="scroll" id="${name}-scroll" tabindex="0" role="region" aria-label="${name}">
<table data-table="${name}">
<thead><tr>${heads}</tr></thead>
<tbody>
${rows}</tbody>
</table>
</div>
`;
}

/**
 * A glyph (hidden from screen readers) and its word, in a tone.
 *
 * @param value glyph, word and tone
 * @returns markup
 */
export function badge(value: Badge): Html {
  const [glyph, word, tone] = value;
  return markup`<span class="${tone}"><span aria-hidden="true">${glyph}</span> ${word}</span>`;
}

/**
 * Text in a tone.
 *
 * @param tone the tone
 * @param text the text
 * @returns markup
 */
export function toned(tone: Tone, text: string): Html {
  return markup`<span class="${tone}">${text}</span>`;
}

/**
 * What a section says when it has nothing to show: what, and what to do about it.
 *
 * @param what the first line
 * @param how the hint
 * @returns markup
 */
export function empty(what: string, how: string): Html {
  return markup`<p class="empty"><strong>${what}</strong><br>${how}</p>
`;
}

/**
 * The line under a capped list: "… and 34 more".
 *
 * @param name the list's name (`data-more`)
 * @param hidden how many rows were left out
 * @param tail words after the count
 * @returns markup, or nothing when no row was left out
 */
export function more(name: string, hidden: number, tail = "more"): Html | undefined {
  if (hidden <= 0) return undefined;
  return markup`<p class="more" data-more="${name}">… and ${count(hidden)} ${tail}</p>
`;
}
