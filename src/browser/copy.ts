/**
 * Copy buttons: put exactly the text shown into the clipboard and say so, visibly and to
 * screen readers. Runs in the browser; kept tiny (the kit page's JavaScript budget is 5 KB).
 */

function announce(doc: Document, message: string): void {
  let region = doc.getElementById('copy-status');
  if (!region) {
    region = doc.createElement('p');
    region.id = 'copy-status';
    region.className = 'visually-hidden';
    region.setAttribute('role', 'status');
    doc.body.append(region);
  }
  region.textContent = '';
  // A fresh text node after clearing makes repeated announcements of the same words heard.
  setTimeout(() => (region.textContent = message), 50);
}

async function writeClipboard(doc: Document, element: HTMLElement, text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Older browsers, or pages opened over plain http: copy the selection instead.
    const selection = doc.getSelection();
    const range = doc.createRange();
    range.selectNodeContents(element);
    selection?.removeAllRanges();
    selection?.addRange(range);
    const copied = doc.execCommand('copy');
    return copied;
  }
}

export function enableCopyButtons(doc: Document): void {
  // The live region must exist before the first announcement for screen readers to pick it up.
  announce(doc, '');
  for (const button of doc.querySelectorAll<HTMLButtonElement>('button[data-copy]')) {
    const target = doc.getElementById(button.dataset.copy ?? '');
    if (!target) continue;
    const label = button.textContent;
    button.hidden = false;
    button.addEventListener('click', async () => {
      const copied = await writeClipboard(doc, target, target.innerText.trim());
      // The words come from the page (the string catalog, or the owner's copy:), not from here.
      const { done, failed, doneStatus, failedStatus } = button.dataset;
      button.textContent = (copied ? done : failed) ?? '';
      button.classList.toggle('is-copied', copied);
      announce(doc, (copied ? doneStatus : failedStatus) ?? '');
      setTimeout(() => {
        button.textContent = label;
        button.classList.remove('is-copied');
      }, 2500);
    });
  }
}
