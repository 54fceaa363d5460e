// Runs in Electron's main process and in plain Node. Handlers of bulletin.*.
import * as bulletin from '../bulletin/bulletin.js';
import type { HandlersOf } from './types.js';

export const bulletinHandlers: HandlersOf<'bulletin.'> = {
  'bulletin.preview': (ctx, { day, revision }) => bulletin.previewBulletin(ctx, day, revision),
  'bulletin.issue': (ctx, { day, note }) => bulletin.issueBulletin(ctx, day, note),
  'bulletin.revisions': (ctx, { day }) => bulletin.listRevisions(ctx, day),
  'bulletin.export': async (ctx, { day, revision }) => {
    const { fileName, mimeType, contentBase64 } = await bulletin.exportBulletin(ctx, day, revision);
    return { fileName, mimeType, contentBase64 };
  },
};
