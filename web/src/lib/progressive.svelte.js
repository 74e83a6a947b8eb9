// Long lists (the dashboard with 1 000 open incidents) render in slices: the
// first rows at once, the rest a slice per task, so the page shows data at
// once and no task blocks input for long.
export function progressive(first = 100, slice = 100) {
  const view = $state({ shown: first });
  let timer = null;
  function reset(total) {
    clearTimeout(timer);
    view.shown = first;
    const step = () => {
      view.shown += slice;
      if (view.shown < total) timer = setTimeout(step, 0);
    };
    if (total > first) timer = setTimeout(step, 0);
    return () => clearTimeout(timer);
  }
  return { view, reset };
}
