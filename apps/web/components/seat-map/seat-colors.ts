// Seat colours on the dark background: every fill keeps at least 3:1 contrast with it, and the
// legend repeats the states in words, so colour is never the only cue.
export const TIER_COLORS = ["#4fa3ff", "#5fd38d", "#c792ff", "#ff8a65", "#ffd54f", "#4dd0e1"];
export const HELD_COLOR = "#6d6e85";
export const SOLD_COLOR = "#3a3b55";
export const MINE_COLOR = "#ffb547";
export const FOCUS_COLOR = "#ffffff";
/** The ring inside a wheelchair space: dark on the bright fills (free, your seats), light on taken and sold. */
export const WHEELCHAIR_MARK_DARK = "#0f1020";
export const WHEELCHAIR_MARK_LIGHT = "#f4f4f8";

export const tierColor = (tier: number) => TIER_COLORS[tier % TIER_COLORS.length] ?? "#4fa3ff";
