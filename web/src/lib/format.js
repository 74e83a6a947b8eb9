// A value the API may leave out (null, absent or empty), shown as a dash.
export const dash = (x) => (x === null || x === undefined || x === '' ? '—' : x);
