// A date-and-time field that starts at "now" and follows the clock until
// someone edits it. On an exercise's incident "now" is the exercise clock's
// (the simulated time the Art. 23 countdowns run on), never the wall clock's:
// a form prefilled with wall-clock time would record the exercise's events
// at a real date. Untouched, the field stands for now itself, so a request
// whose time is optional can leave it out and the server takes its own.
import { instantForInput } from '../lib/time.js';

// `current`: the clock's now in milliseconds, or null while it is not known
// (an exercise whose status has not loaded yet).
export function nowField(current) {
  const field = $state({ value: '', edited: false });
  $effect(() => {
    const ms = current();
    if (!field.edited && ms !== null && ms !== undefined) field.value = instantForInput(ms);
  });
  return field;
}
