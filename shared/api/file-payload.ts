// Pure code: runs anywhere. A file handed from the main process to the renderer for download.
export interface FilePayload { fileName: string; mimeType: string; contentBase64: string }
