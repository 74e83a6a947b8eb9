// What every form does with its request: busy while it runs, the error it
// answered (for Problem and FieldError), and what it answered handed on
// (an incident form's updated record). `send` makes the request and returns
// that answer; it may reset the form's fields once the request has succeeded.
export function saving(onsaved = () => {}) {
  let error = $state(null);
  let busy = $state(false);
  return {
    get error() { return error; },
    set error(e) { error = e; },
    get busy() { return busy; },
    async run(send) {
      busy = true;
      error = null;
      try {
        onsaved(await send());
      } catch (e) {
        error = e;
      } finally {
        busy = false;
      }
    },
  };
}
