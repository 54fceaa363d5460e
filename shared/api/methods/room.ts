// Pure code: runs anywhere. Contract methods of the duty room (值班室, issue 19): this desk hosting
// the room for the other seats over the room's network, its pairing code and its seats. Admin only
// (shared/api/roles.ts). The host itself is run by the process (browser mode's serve, or Electron's
// main), which hands the services a controller (electron/services/room.ts RoomControl).
import { z } from 'zod';
import { idSchema, method, noInput } from '../method.js';

export interface RoomSeatView {
  id: number;
  name: string;
  pairedAt: number;
  /** The peer's address when it paired. */
  pairedFrom: string;
  revokedAt: number | null;
  /** Who revoked it, as a person reads it. */
  revokedBy: string | null;
  /** Whether it has talked to the host in the last minute. */
  connected: boolean;
  lastSeen: number | null;
  /** Its address at its last request. */
  address: string | null;
  /** Who is signed in at the seat now (display name), or null. */
  user: string | null;
}

export interface RoomStatusView {
  /** Whether this process can host a room (false: a seat's window, tests without a controller). */
  available: boolean;
  /** Whether the admin switched hosting on (kept across restarts). */
  enabled: boolean;
  /** Whether the room's server is listening now. */
  running: boolean;
  /** The interface chosen: one IPv4 address, or 0.0.0.0 for every interface. */
  bind: string;
  port: number;
  /** The addresses seats join at: `https://192.168.1.20:5443/`. */
  urls: string[];
  /** This machine's IPv4 addresses, to choose from. */
  interfaces: { address: string; name: string }[];
  /** The certificate's SHA-256 fingerprint as browsers show it (`AB:CD:…`), once made. */
  fingerprint256: string | null;
  /** Base64 SHA-256 of its public key (Chromium's --ignore-certificate-errors-spki-list). */
  spki: string | null;
  /** The pairing code shown now (`K7QF-9M2X`), while it is valid and unused. */
  code: string | null;
  codeExpiresAt: number | null;
  seats: RoomSeatView[];
  /** Why the host could not start, when it could not. */
  error: string | null;
}

const ipv4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export const roomMethods = {
  'room.status': method<RoomStatusView>()(noInput),
  /** Hosts the room on `bind` (an IPv4 address of this machine, or 0.0.0.0) and `port`; kept on across restarts. */
  'room.enable': method<RoomStatusView>()(
    z
      .object({
        bind: z.string().trim().regex(ipv4, { error: 'room.bindInvalid' }),
        port: z.number({ error: 'room.portInvalid' }).int({ error: 'room.portInvalid' }).min(1024, { error: 'room.portInvalid' }).max(65535, { error: 'room.portInvalid' }),
      })
      .strict(),
  ),
  'room.disable': method<RoomStatusView>()(noInput),
  /** A new pairing code (the old one stops working). */
  'room.newCode': method<RoomStatusView>()(noInput),
  /** The seat can no longer reach the host; its open connections are closed. */
  'room.revokeSeat': method<RoomStatusView>()(z.object({ id: idSchema }).strict()),
  /**
   * This desk joins a room as a seat (the desktop app only): pairs with the host at `address` with
   * the code shown on the host's screen, pins its certificate and opens its pages. Before this desk
   * has any account (first start) anyone at it may; afterwards only its admin.
   */
  'room.join': method<RoomJoined>()(
    z
      .object({
        address: z.string({ error: 'room.joinAddressInvalid' }).trim().min(1, { error: 'room.joinAddressInvalid' }).max(200, { error: 'room.joinAddressInvalid' }),
        code: z.string({ error: 'room.pairWrong' }).trim().min(4, { error: 'room.pairWrong' }).max(20, { error: 'room.pairWrong' }),
        seatName: z.string({ error: 'room.pairSeatNameInvalid' }).trim().min(1, { error: 'room.pairSeatNameInvalid' }).max(40, { error: 'room.pairSeatNameInvalid' }),
        /** The fingerprint read off the host's screen, when typed: any other certificate is refused before the code is used. */
        fingerprint256: z.string().trim().max(120).optional(),
      })
      .strict(),
  ),
} as const;

export interface RoomJoined {
  /** The host's address the window now shows. */
  url: string;
  fingerprint256: string;
  seatName: string;
}
