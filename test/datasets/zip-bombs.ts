/**
 * Zips as an attacker writes them, for the tests and the bench: parts deflated by zlib from a
 * run of one byte (fast, and never the whole run in memory), with whatever sizes the attacker
 * chooses to declare.
 */
import { createDeflateRaw, crc32 } from 'node:zlib';

export interface BombPart {
  name: string;
  /** Deflated bytes (method 8), or stored bytes when `stored`. */
  data: Uint8Array;
  stored?: boolean;
  /** The size the headers declare; the real one is what the data inflates to. */
  declaredSize: number;
  crc?: number;
  /** Sizes left out of the local header (bit 3), as streaming writers do: the reader cannot know them. */
  descriptor?: boolean;
}

/**
 * `megabytes` MB of `byte`, raw-deflated without ever holding them all, and their CRC: the
 * bomb is a well-formed zip but for the sizes it declares.
 */
export async function deflatedRun(
  megabytes: number,
  byte = 0x20,
): Promise<{ data: Uint8Array; crc: number }> {
  const chunk = Buffer.alloc(1024 * 1024, byte);
  const deflate = createDeflateRaw({ level: 9, memLevel: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (c: Buffer) => out.push(c));
  const done = new Promise((resolve, reject) => deflate.on('end', resolve).on('error', reject));
  let crc = 0;
  for (let i = 0; i < megabytes; i++) {
    crc = crc32(chunk, crc);
    if (!deflate.write(chunk)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  return { data: Buffer.concat(out), crc };
}

/** A zip of the parts, local headers and central directory declaring each part's `declaredSize`. */
export function zipOf(parts: readonly BombPart[]): Uint8Array {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const flags = 0x0800 | (part.descriptor ? 0x0008 : 0);
    const method = part.stored ? 0 : 8;
    const crc = part.crc ?? 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(part.descriptor ? 0 : crc, 14);
    local.writeUInt32LE(part.descriptor ? 0 : part.data.byteLength, 18);
    local.writeUInt32LE(part.descriptor ? 0 : part.declaredSize, 22);
    local.writeUInt16LE(name.byteLength, 26);
    const entry = [local, name, Buffer.from(part.data)];
    if (part.descriptor) {
      const descriptor = Buffer.alloc(16);
      descriptor.writeUInt32LE(0x08074b50, 0);
      descriptor.writeUInt32LE(crc, 4);
      descriptor.writeUInt32LE(part.data.byteLength, 8);
      descriptor.writeUInt32LE(part.declaredSize, 12);
      entry.push(descriptor);
    }
    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(20, 4);
    record.writeUInt16LE(20, 6);
    record.writeUInt16LE(flags, 8);
    record.writeUInt16LE(method, 10);
    record.writeUInt32LE(crc, 16);
    record.writeUInt32LE(part.data.byteLength, 20);
    record.writeUInt32LE(part.declaredSize, 24);
    record.writeUInt16LE(name.byteLength, 28);
    record.writeUInt32LE(offset, 42);
    central.push(record, name);
    for (const c of entry) offset += c.byteLength;
    chunks.push(...entry);
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.byteLength, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, directory, end]);
}

/** A small honest part, stored. */
export const storedPart = (name: string, text: string): BombPart => {
  const data = Buffer.from(text, 'utf8');
  return { name, data, stored: true, declaredSize: data.byteLength, crc: crc32(data) };
};
