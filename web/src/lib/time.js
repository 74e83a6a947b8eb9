// Times always say their zone: each instant is shown in the browser's zone
// (named) and in UTC. Countdowns count to the second.
import { t } from './i18n.svelte.js';

export const localZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'local';

const formats = new Map();
function formatter(locale, timeZone) {
  const key = locale + '|' + timeZone;
  if (!formats.has(key)) {
    formats.set(key, new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
      year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit',
      timeZone, timeZoneName: 'short',
    }));
  }
  return formats.get(key);
}

export function formatLocal(iso, locale) {
  if (!iso) return '';
  return formatter(locale, localZone).format(new Date(iso));
}

export function formatUtc(iso, locale) {
  if (!iso) return '';
  return formatter(locale, 'UTC').format(new Date(iso));
}

// "2 d 03 h 12 min 05 s": the span between now and `iso`, and whether it is past.
export function countdown(iso, now) {
  const diff = new Date(iso).getTime() - now;
  const overdue = diff < 0;
  let s = Math.floor(Math.abs(diff) / 1000);
  const d = Math.floor(s / 86400); s -= d * 86400;
  const h = Math.floor(s / 3600); s -= h * 3600;
  const m = Math.floor(s / 60); s -= m * 60;
  const pad = (n) => String(n).padStart(2, '0');
  const span = (d ? `${d} d ` : '') + `${pad(h)} h ${pad(m)} min ${pad(s)} s`;
  return { overdue, text: overdue ? t('clock.overdueBy', { span }) : t('clock.dueIn', { span }) };
}

// The value of an <input type="datetime-local"> (browser's zone) as RFC 3339 UTC.
export function localInputToIso(value) {
  if (!value) return '';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// Now as an <input type="datetime-local"> value in the browser's zone.
export function nowForInput(offsetMs = 0) {
  return instantForInput(Date.now() + offsetMs);
}

// An instant (milliseconds since the epoch) as an <input type="datetime-local"> value in the browser's zone.
export function instantForInput(ms) {
  const d = new Date(ms);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

// A span of seconds as people read it: "45 min", "20 h 05 min", "3 d 02 h".
export function formatSpan(seconds) {
  if (seconds === null || seconds === undefined) return '';
  const s = Math.max(0, Math.round(seconds));
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n) => String(n).padStart(2, '0');
  if (d) return `${d} d ${pad(h)} h`;
  if (h) return `${h} h ${pad(m)} min`;
  return `${m} min`;
}
