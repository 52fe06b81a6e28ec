import { decompress as zstdDecompress } from 'fzstd';
import { CompressionCodecs, CompressionTypes } from 'kafkajs';
import { decompressFrame as lz4DecompressFrame } from 'lz4-napi';
import { uncompress as snappyUncompress } from 'snappy';

/**
 * The kafkajs codecs for what Kafka's producers may send besides gzip (built into kafkajs): LZ4,
 * Snappy and Zstandard. kafkajs has none of them, and a batch it cannot decompress crashes the
 * consumer on every restart. The services only read compressed batches (the producer sends
 * uncompressed ones), so these codecs decompress only.
 */
export function registerCompressionCodecs(): void {
  CompressionCodecs[CompressionTypes.LZ4] = () => codec('LZ4', (buffer) => lz4DecompressFrame(buffer));
  CompressionCodecs[CompressionTypes.Snappy] = () => codec('Snappy', decompressKafkaSnappy);
  CompressionCodecs[CompressionTypes.ZSTD] = () => codec('ZSTD', async (buffer) => toBuffer(zstdDecompress(buffer)));
}

interface Codec {
  compress(): Promise<Buffer>;
  decompress(buffer: Buffer): Promise<Buffer>;
}

function codec(name: string, decompress: (buffer: Buffer) => Promise<Buffer>): Codec {
  return {
    compress: () => Promise.reject(new Error(`This service only decompresses ${name}; it sends uncompressed batches`)),
    decompress,
  };
}

// Kafka's Java client wraps Snappy in the framing of snappy-java (xerial): a 16-byte header (magic,
// version, compatible version), then blocks of a 4-byte big-endian length and raw Snappy data.
// Other clients may send one raw Snappy block, which Kafka's own reader accepts too.
const XERIAL_MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]);
const XERIAL_HEADER_BYTES = 16;

/** Decompresses a Kafka Snappy payload, xerial-framed or raw. */
export async function decompressKafkaSnappy(buffer: Buffer): Promise<Buffer> {
  if (buffer.length < XERIAL_HEADER_BYTES || !buffer.subarray(0, XERIAL_MAGIC.length).equals(XERIAL_MAGIC)) {
    return snappyBlock(buffer);
  }
  const blocks: Buffer[] = [];
  for (let offset = XERIAL_HEADER_BYTES; offset < buffer.length; ) {
    if (offset + 4 > buffer.length) throw new Error(`Truncated xerial Snappy block length at byte ${offset}`);
    const length = buffer.readUInt32BE(offset);
    const end = offset + 4 + length;
    if (end > buffer.length) throw new Error(`xerial Snappy block at byte ${offset} claims ${length} bytes, ${buffer.length - offset - 4} left`);
    blocks.push(await snappyBlock(buffer.subarray(offset + 4, end)));
    offset = end;
  }
  return Buffer.concat(blocks);
}

async function snappyBlock(block: Buffer): Promise<Buffer> {
  return (await snappyUncompress(block, { asBuffer: true })) as Buffer;
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
