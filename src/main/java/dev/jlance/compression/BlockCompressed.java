package dev.jlance.compression;

import dev.jlance.format.pb.Encodings21.CompressiveEncoding;
import java.lang.foreign.MemorySegment;

/** A block of values compressed as one opaque buffer. */
public record BlockCompressed(MemorySegment data, CompressiveEncoding encoding) {
}
