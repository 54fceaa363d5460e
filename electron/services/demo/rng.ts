// Runs in plain Node. Each demo seeder's own random stream.
import { seededRng, type Rng } from '../../../shared/domain/random.js';

/** A seeder's own stream, so adding a seeder does not change what the others generate. */
export function rngFor(seed: number, name: string): Rng {
  let h = seed >>> 0;
  for (const c of name) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return seededRng(h);
}
