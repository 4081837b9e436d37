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
    /** Start of the second lane, and the odd constants the second word of each step is mixed with. */
    private static final long SEED2 = 0x243F6A8885A308D3L;
    private static final long K1 = 0xA0761D6478BD642FL;
    private static final long K2 = 0xE7037ED1A0B428DBL;

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

    /**
     * Hashes {@code length} bytes at {@code offset}. Values of 16 bytes and more go 16 bytes a
     * step, each step one 64×64→128-bit multiply of the two words (each mixed with the state)
     * folded to 64 bits, in two lanes that alternate so their multiplies overlap; the last step
     * takes the last 16 bytes, overlapping the one before. That runs several times faster than a
     * finaliser per word on the long strings of dictionary pages, where hashing is most of the
     * work. Shorter values take a word and a tail.
     */
    public static long hashBytes(MemorySegment segment, long offset, long length) {
        if (length < 16) {
            return hashShort(segment, offset, (int) length);
        }
        long a = SEED ^ length * M;
        long b = SEED2 ^ length;
        long i = 0;
        for (; i + 32 < length; i += 32) {
            a = fold(segment.get(Layouts.U64, offset + i) ^ a, segment.get(Layouts.U64, offset + i + 8) ^ K1);
            b = fold(segment.get(Layouts.U64, offset + i + 16) ^ b, segment.get(Layouts.U64, offset + i + 24) ^ K2);
        }
        if (i + 16 < length) {
            a = fold(segment.get(Layouts.U64, offset + i) ^ a, segment.get(Layouts.U64, offset + i + 8) ^ K1);
        }
        long last = offset + length - 16;
        b = fold(segment.get(Layouts.U64, last) ^ b, segment.get(Layouts.U64, last + 8) ^ K2);
        return mix(a ^ b);
    }

    private static long hashShort(MemorySegment segment, long offset, int length) {
        long h = SEED ^ (length * M);
        int i = 0;
        if (length >= 8) {
            h = mix(h ^ segment.get(Layouts.U64, offset)) * M;
            i = 8;
        }
        long tail = 0;
        for (int shift = 0; i < length; i++, shift += 8) {
            tail |= (segment.get(Layouts.U8, offset + i) & 0xFFL) << shift;
        }
        return mix(h ^ tail ^ ((long) length << 56));
    }

    /** The 128-bit product of {@code x} and {@code y}, its halves xor-ed. */
    private static long fold(long x, long y) {
        return x * y ^ Math.multiplyHigh(x, y);
    }
}
