/** Keyboard shortcuts: single keys and two-key sequences ("g q"), ignored while typing. */

export interface Shortcut {
  /** "j", "?", "Enter", or a sequence "g q". */
  keys: string;
  description: string;
  run: () => void;
  /** Shown in the help but not active (e.g. the person may not assign). */
  disabled?: boolean;
}

/** Whether a key press happened in a place where typing means text, not a command. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const el = target as HTMLElement;
  if (el.isContentEditable) return true;
  const field = el.closest(
    'input, textarea, select, [contenteditable="true"], [role="combobox"], [role="listbox"]',
  );
  if (!field) return false;
  if (field instanceof HTMLInputElement) {
    return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(field.type);
  }
  return true;
}

/**
 * Matches key presses against shortcuts, remembering the first key of a sequence. Pure state machine:
 * `press` returns the shortcut to run (or null) given the key and the time in ms.
 */
export function createShortcutMatcher(shortcuts: () => Shortcut[], sequenceTimeoutMs = 1200) {
  let pending: { key: string; at: number } | null = null;
  return {
    press(key: string, at: number): Shortcut | null {
      const list = shortcuts().filter((s) => !s.disabled);
      if (pending && at - pending.at <= sequenceTimeoutMs) {
        const seq = `${pending.key} ${key}`;
        pending = null;
        const hit = list.find((s) => s.keys === seq);
        if (hit) return hit;
      }
      pending = null;
      const single = list.find((s) => s.keys === key);
      if (single) return single;
      if (list.some((s) => s.keys.startsWith(`${key} `))) pending = { key, at };
      return null;
    },
  };
}
