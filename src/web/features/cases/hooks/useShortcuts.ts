import { useEffect, useRef } from 'react';
import { createShortcutMatcher, isTypingTarget, type Shortcut } from '../shortcuts.js';

/**
 * Listens for the page's shortcuts on the document. Keys typed into fields, and keys with Ctrl, Alt or Meta,
 * are left alone; so is anything while a dialog is open (its own keys belong to it).
 */
export function useShortcuts(shortcuts: Shortcut[], enabled = true) {
  const latest = useRef(shortcuts);
  useEffect(() => {
    latest.current = shortcuts;
  });
  useEffect(() => {
    if (!enabled) return;
    const matcher = createShortcutMatcher(() => latest.current);
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey) return;
      if (isTypingTarget(event.target)) return;
      // Enter on a link or button is that control's own action.
      if (event.key === 'Enter' && (event.target as Element | null)?.closest?.('a, button, [role="button"]'))
        return;
      if (document.querySelector('[role="dialog"][aria-modal="true"]')) return;
      const hit = matcher.press(event.key, event.timeStamp);
      if (!hit) return;
      event.preventDefault();
      hit.run();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [enabled]);
}
