/**
 * The task queue section: beads per state, then the beads being worked on and the ready ones by
 * score (priority, score, title, and why: the worker on it, or what the score is made of),
 * capped; blocked and deferred beads are counted, not listed.
 */
import type { FleetSnapshot, QueuedBead } from "../../domain/mod.ts";
import { queueCountList } from "../../domain/mod.ts";
import { baseName, count } from "./_format.ts";
import { type Html, markup } from "./_html.ts";
import { badge, empty, more, scrollTable, section, toned } from "./_parts.ts";
import { priorityBadge, taskBadge } from "./_symbols.ts";

/** Rows shown at most: a queue of 10,000 beads must not make a page of 10,000 rows. */
const MAX_TASK_ROWS = 50;

function tally(snapshot: FleetSnapshot): Html {
  const items = queueCountList(snapshot.counts).map(([state, n]) => {
    const [glyph, word, tone] = taskBadge(state);
    return markup`<li data-count="${state}">${badge([glyph, `${count(n)} ${word}`, tone])}</li>`;
  });
  return markup`<ul class="tally">${items}</ul>
`;
}

/** Why a bead is where it is: who works on it, or what its score is made of. */
function why(q: QueuedBead): string {
  if (q.state === "in_progress") {
    return q.bead.assignee === undefined ? q.reason : `on ${q.bead.assignee}`;
  }
  const s = q.score;
  const parts = [`priority +${s.priority}`];
  if (s.unblocks > 0) parts.push(`unblocks ${s.unblockedCount} +${s.unblocks}`);
  if (s.age > 0) parts.push(`waiting ${s.ageDays}d +${s.age}`);
  if (s.urgent > 0) parts.push(`${s.urgentLabels.join(", ") || "urgent"} +${s.urgent}`);
  return parts.join(" · ");
}

function row(q: QueuedBead, many: boolean): Html {
  const [label, tone] = priorityBadge(q.bead.priority);
  const workspace = many
    ? markup`<td data-field="workspace">${baseName(q.workspace)}</td>
`
    : "";
  return markup`<tr data-bead="${q.bead.id}" data-state="${q.state}">
<td data-field="state">${badge(taskBadge(q.state))}</td>
<th scope="row" data-field="id">${q.bead.id}</th>
<td data-field="priority">${toned(tone, label)}</td>
<td data-field="score" class="num">${q.score.total}</td>
<td data-field="title" class="wrap">${q.bead.title}</td>
${workspace}<td data-field="why" class="wrap muted">${why(q)}</td>
</tr>
`;
}

function columns(many: boolean): { title: string; num?: boolean }[] {
  return [
    { title: "State" },
    { title: "Bead" },
    { title: "P" },
    { title: "Score", num: true },
    { title: "Title" },
    ...(many ? [{ title: "Workspace" }] : []),
    { title: "Why" },
  ];
}

const HINT = markup`<p class="hint">Blocked and deferred beads are counted above; \
<code>forge tasks --explain</code> lists them with what they wait for.</p>
`;

/**
 * The task queue section.
 *
 * @param snapshot the fleet
 * @returns markup
 */
export function tasksSection(snapshot: FleetSnapshot): Html {
  const open = snapshot.tasks.length;
  const note = `${count(open)} open`;
  if (open === 0) {
    const n = snapshot.workspaces.length;
    const what = `No open beads in ${count(n)} workspace${n === 1 ? "" : "s"}`;
    const how =
      "create one with bd create (or br, bead), or add a workspace: forge workspace add PATH";
    return section("tasks", "Task queue", note, empty(what, how));
  }
  // The snapshot lists beads in progress first, then ready ones by score.
  const listed = snapshot.tasks.filter((q) => q.state === "in_progress" || q.state === "ready");
  const shown = listed.slice(0, MAX_TASK_ROWS);
  const many = snapshot.workspaces.length > 1;
  const waiting = snapshot.counts.blocked + snapshot.counts.deferred;
  return section("tasks", "Task queue", note, [
    tally(snapshot),
    shown.length === 0
      ? empty("Nothing ready or in progress", "every open bead is blocked or deferred")
      : scrollTable("tasks", columns(many), shown.map((q) => row(q, many))),
    more("tasks", listed.length - shown.length, "more in progress or ready"),
    waiting > 0 ? HINT : undefined,
  ]);
}
