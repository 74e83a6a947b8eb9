// Loads what a page shows and reloads it on demand; a newer load wins over an
// older one still in flight.
import { api } from './api.js';

export function loader(pathFn) {
  const state = $state({ data: null, error: null, loading: true });
  let generation = 0;
  async function load() {
    const mine = ++generation;
    state.loading = true;
    try {
      const data = await api(pathFn());
      if (mine === generation) { state.data = data; state.error = null; }
    } catch (e) {
      if (mine === generation) state.error = e;
    } finally {
      if (mine === generation) state.loading = false;
    }
  }
  return { state, load };
}
