/**
 * Minimal protocol-buffers writer (proto3 wire format): varints (wire type 0), fixed32 floats
 * (wire type 5) and length-delimited bytes / strings / sub-messages / packed arrays (wire type 2).
 * Enough to write ONNX models; fields are emitted in the order the caller writes them.
 */
export class ProtoWriter {
  private readonly parts: Uint8Array[] = [];
  private size = 0;

  /** Varint field (int32/int64/enum/bool); negative values are written as 10-byte two's complement. */
  int(field: number, value: number | bigint): this {
    this.tag(field, 0);
    this.raw(varint(BigInt.asUintN(64, BigInt(value))));
    return this;
  }

  /** 32-bit float field (wire type 5, little-endian). */
  float(field: number, value: number): this {
    this.tag(field, 5);
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, value, true);
    this.raw(b);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value));
  }

  bytes(field: number, value: Uint8Array): this {
    this.tag(field, 2);
    this.raw(varint(BigInt(value.length)));
    this.raw(value);
    return this;
  }

  /** Embedded message field. */
  message(field: number, body: ProtoWriter): this {
    return this.bytes(field, body.finish());
  }

  /** Packed repeated varints (e.g. int64 list). */
  packedInts(field: number, values: readonly number[]): this {
    const inner = new ProtoWriter();
    for (const v of values) inner.raw(varint(BigInt.asUintN(64, BigInt(v))));
    return this.bytes(field, inner.finish());
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const p of this.parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }

  private tag(field: number, wire: number): void {
    this.raw(varint(BigInt(field * 8 + wire)));
  }

  private raw(bytes: Uint8Array): void {
    this.parts.push(bytes);
    this.size += bytes.length;
  }
}

/** Base-128 varint of an unsigned 64-bit value. */
export function varint(value: bigint): Uint8Array {
  const out: number[] = [];
  let v = value;
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    out.push(byte);
  } while (v > 0n);
  return Uint8Array.from(out);
}
