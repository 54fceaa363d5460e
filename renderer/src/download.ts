// Runs in the renderer. Saves a file the main process produced: a Blob and a click on <a download>.
import type { FilePayload } from '../../shared/api/file-payload.js';

export function downloadFile(p: FilePayload): void {
  const bytes = Uint8Array.from(atob(p.contentBase64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: p.mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = p.fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
