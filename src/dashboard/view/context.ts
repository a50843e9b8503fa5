/**
 * What every drawing function of the view receives: the screen to draw on, the theme's style
 * ids, the model, (once one arrived) the snapshot being drawn, and where drawing may land.
 */
import type { FleetSnapshot } from "../../domain/mod.ts";
import type { DashboardModel } from "../model.ts";
import type { Rect, Screen } from "../render/screen.ts";
import type { ThemeIds } from "./theme.ts";

/** One frame's drawing context, before any snapshot arrived. */
export interface BaseCtx {
  readonly screen: Screen;
  /** Style ids of the theme, interned in the screen's table. */
  readonly t: ThemeIds;
  readonly model: DashboardModel;
  /** The model's clock. */
  readonly now: number;
  /** The snapshot drawn, once one arrived. */
  readonly snapshot?: FleetSnapshot | undefined;
  /** Where drawing may land (the whole screen when absent): a panel's rectangle, a row. */
  readonly clip?: Rect | undefined;
}

/** One frame's drawing context with a snapshot. */
export interface Ctx extends BaseCtx {
  readonly snapshot: FleetSnapshot;
}

/**
 * A context like another with another clip rectangle. Every context is built here, with its
 * fields in one order, so the functions reading them see a single object shape (the hot paths
 * stay monomorphic).
 *
 * @param from the context to copy
 * @param clip where drawing may land
 * @returns the new context
 */
export function withClip<C extends BaseCtx>(from: C, clip: Rect | undefined): C {
  const ctx: BaseCtx = {
    screen: from.screen,
    t: from.t,
    model: from.model,
    now: from.now,
    snapshot: from.snapshot,
    clip,
  };
  return ctx as C;
}

/**
 * True when the context carries a snapshot.
 *
 * @param ctx a context
 * @returns whether panels can draw with it
 */
export function hasSnapshot(ctx: BaseCtx): ctx is Ctx {
  return ctx.snapshot !== undefined;
}

/** A piece of text and its style id. */
export type Seg = readonly [text: string, style: number];
