package dev.jlance.data;

import dev.jlance.memory.Layouts;
import java.lang.foreign.MemorySegment;

/**
 * A fixed-seed 64-bit hash. Lance's own estimators hash with a random seed, so its decisions can
 * differ between runs; jlance seeds with a constant so the same input always gives the same file.
 */
public final class Hashing {

    /** The one seed every jlance estimate uses. */
    public static final long SEED = 0x6a6c616e63650001L;

    private static final long M = 0x9E3779B97F4A7C15L;

    private Hashing() {
    }

    /** Final mix of a 64-bit value (splitmix64's finaliser). */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Hashes one fixed-width value given as a long. */
    public static long hashLong(long value) {
        return mix(value * M + SEED);
    }

    /** Hashes {@code length} bytes at {@code offset}. */
    public static long hashBytes(MemorySegment segment, long offset, long length) {
        long h = SEED ^ (length * M);
        long i = 0;
        for (; i + 8 <= length; i += 8) {
            h = mix(h ^ segment.get(Layouts.U64, offset + i)) * M;
        }
        long tail = 0;
        for (int shift = 0; i < length; i++, shift += 8) {
            tail |= (segment.get(Layouts.U8, offset + i) & 0xFFL) << shift;
        }
        return mix(h ^ tail ^ (length << 56));
    }
}
