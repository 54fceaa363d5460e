// Runs in the renderer. Saves a file the main process produced: a Blob and a click on <a download>.
import type { FilePayload } from '../../shared/api/file-payload.js';

function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadFile(p: FilePayload): void {
  saveBlob(new Blob([Uint8Array.from(atob(p.contentBase64), (c) => c.charCodeAt(0))], { type: p.mimeType }), p.fileName);
}

/** A text file (a rule set's JSON). */
export function downloadText(fileName: string, text: string, mimeType: string): void {
  saveBlob(new Blob([text], { type: mimeType }), fileName);
}
