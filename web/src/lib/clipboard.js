// Copies `text` to the clipboard; where there is none (plain HTTP) it selects
// the element that shows the text instead, for Ctrl+C. Returns what it did,
// in the reader's words, for a status line.
import { t } from './i18n.svelte.js';

export async function copyOrSelect(text, element) {
  try {
    await navigator.clipboard.writeText(text);
    return t('drafts.copied');
  } catch {
    const range = document.createRange();
    range.selectNodeContents(element);
    const sel = getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
    return t('drafts.selected');
  }
}
