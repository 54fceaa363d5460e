// Runs in Electron's main process and in plain Node. Handlers of room.* (electron/services/room.ts).
import { disableRoom, enableRoom, joinRoom, newRoomCode, revokeSeat, roomStatus } from '../room.js';
import type { HandlersOf } from './types.js';

export const roomHandlers: HandlersOf<'room.'> = {
  'room.status': (ctx) => roomStatus(ctx),
  'room.enable': (ctx, input) => enableRoom(ctx, input),
  'room.disable': (ctx) => disableRoom(ctx),
  'room.newCode': (ctx) => newRoomCode(ctx),
  'room.revokeSeat': (ctx, { id }) => {
    revokeSeat(ctx, id);
    return roomStatus(ctx);
  },
  'room.join': (ctx, input) => joinRoom(ctx, input),
};
