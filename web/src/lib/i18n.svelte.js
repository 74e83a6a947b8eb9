// The UI's words come from one catalog (messages.js), English and German.
// The choice is kept in localStorage; the browser's language decides at first.
import { messages } from './messages.js';

function initial() {
  try {
    const saved = localStorage.getItem('vigil.locale');
    if (saved && messages[saved]) return saved;
  } catch { /* storage may be off */ }
  return (navigator.language || 'en').toLowerCase().startsWith('de') ? 'de' : 'en';
}

export const i18n = $state({ locale: initial() });
export const locales = Object.keys(messages);

export function setLocale(locale) {
  if (!messages[locale]) return;
  i18n.locale = locale;
  try { localStorage.setItem('vigil.locale', locale); } catch { /* ignore */ }
}

// t('key', { n: 3 }) -> the message with {n} replaced; the key itself when missing.
export function t(key, vars) {
  const text = messages[i18n.locale]?.[key] ?? messages.en[key] ?? key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (_, name) => (vars[name] ?? `{${name}}`));
}
