/**
 * Dependency cycles among live beads. A bead "waits on" the live targets of its blocking and
 * parent-child edges; a strongly connected set of that graph (or a bead that waits on itself) is
 * a cycle, and nothing in it can ever become ready.
 */
import type { Bead } from "../domain/mod.ts";
import type { BeadIndex } from "./_bead_index.ts";
import { isGraphType, isLive } from "./_graph_edges.ts";

/**
 * The live beads a bead waits on, in dependency order, each once.
 *
 * @param index the beads
 * @param bead the waiting bead
 * @returns ids of live blockers and live parents
 */
export function waitsOn(index: BeadIndex, bead: Bead): string[] {
  const out: string[] = [];
  for (const edge of bead.dependencies) {
    if (!isGraphType(edge.type) || out.includes(edge.target)) continue;
    if (isLive(index.get(edge.target))) out.push(edge.target);
  }
  return out;
}

interface Frame {
  readonly id: string;
  readonly targets: readonly string[];
  next: number;
}

/**
 * Finds every cycle reachable from `roots` (Tarjan's algorithm without recursion, so long chains
 * cannot overflow the stack).
 *
 * @param index the beads
 * @param roots where to start; finished or unknown ids are skipped
 * @returns each cycle's members, sorted
 */
export function findCycleSets(index: BeadIndex, roots: Iterable<string>): string[][] {
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const frames: Frame[] = [];
  const enter = (id: string, bead: Bead): void => {
    order.set(id, order.size);
    low.set(id, order.size - 1);
    stack.push(id);
    onStack.add(id);
    frames.push({ id, targets: waitsOn(index, bead), next: 0 });
  };
  for (const root of roots) {
    const bead = index.get(root);
    if (order.has(root) || !isLive(bead)) continue;
    enter(root, bead);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1] as Frame;
      if (frame.next < frame.targets.length) {
        const target = frame.targets[frame.next++] as string;
        if (!order.has(target)) enter(target, index.get(target) as Bead);
        else if (onStack.has(target)) lower(low, frame.id, order.get(target) as number);
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent !== undefined) lower(low, parent.id, low.get(frame.id) as number);
      if (low.get(frame.id) !== order.get(frame.id)) continue;
      const members = popComponent(stack, onStack, frame.id);
      if (members.length > 1 || frame.targets.includes(frame.id)) found.push(members.sort());
    }
  }
  return found;
}

function lower(low: Map<string, number>, id: string, value: number): void {
  if (value < (low.get(id) as number)) low.set(id, value);
}

function popComponent(stack: string[], onStack: Set<string>, head: string): string[] {
  const members: string[] = [];
  for (;;) {
    const id = stack.pop() as string;
    onStack.delete(id);
    members.push(id);
    if (id === head) return members;
  }
}

/**
 * The shortest way round a cycle from one of its members (breadth first, edges in dependency
 * order, so the answer does not depend on how the graph was built).
 *
 * @param index the beads
 * @param start the member to start from
 * @param members the cycle's members
 * @returns ids from `start` to the last bead before `start` again
 */
export function cycleThrough(
  index: BeadIndex,
  start: string,
  members: ReadonlySet<string>,
): string[] {
  const cameFrom = new Map<string, string>([[start, start]]);
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i] as string;
    for (const target of waitsOn(index, index.get(id) as Bead)) {
      if (target === start) return pathTo(cameFrom, start, id);
      if (!members.has(target) || cameFrom.has(target)) continue;
      cameFrom.set(target, id);
      queue.push(target);
    }
  }
  return [start];
}

function pathTo(cameFrom: ReadonlyMap<string, string>, start: string, last: string): string[] {
  const path = [last];
  for (let id = last; id !== start;) {
    id = cameFrom.get(id) as string;
    path.push(id);
  }
  return path.reverse();
}
