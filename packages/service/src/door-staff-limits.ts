// Imports nothing, so domain code may use it (identity's door staff rules).

/** Most events one door staff account is assigned to at once (it bounds the token's size). */
export const MAX_DOOR_EVENTS = 50;
