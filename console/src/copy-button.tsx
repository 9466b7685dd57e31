import type { RefObject } from 'preact';
import { useState } from 'preact/hooks';

type Outcome = 'idle' | 'copied' | 'refused';

/**
 * Copies a text to the clipboard and says so beside the button. A browser may refuse the clipboard (no
 * permission, an insecure origin): then the text is left selected on the page, for Ctrl+C.
 *
 * @example <CopyButton text={secret} what="the key" source={input} />
 */
export function CopyButton({
  text,
  what,
  source,
}: {
  text: string;
  /** What is copied, for assistive tech: the button reads "Copy the key". */
  what: string;
  /** The element that shows the text, selected when the clipboard is refused. */
  source: RefObject<HTMLElement>;
}) {
  const [outcome, setOutcome] = useState<Outcome>('idle');

  async function copy() {
    try {
      // Undefined outside a secure context, which counts as a refusal.
      await navigator.clipboard.writeText(text);
      setOutcome('copied');
    } catch {
      setOutcome('refused');
      select(source.current);
    }
  }

  return (
    <span class="copy">
      <button type="button" onClick={copy}>
        Copy<span class="visually-hidden"> {what}</span>
      </button>
      <span role="status" class="copy-outcome">
        {outcome === 'copied' && 'Copied'}
        {outcome === 'refused' &&
          'The browser refused the clipboard: the text is selected, copy it yourself.'}
      </span>
    </span>
  );
}

function select(element: HTMLElement | null): void {
  if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) {
    element.focus();
    element.select();
  } else if (element) {
    getSelection()?.selectAllChildren(element);
  }
}
