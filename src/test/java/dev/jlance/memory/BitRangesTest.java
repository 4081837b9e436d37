package dev.jlance.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Bit ranges against a naive bit-by-bit model, at every alignment, on exact-size segments. */
class BitRangesTest {

    private static MemorySegment random(long bytes, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] b = new byte[(int) bytes];
        r.nextBytes(b);
        return MemorySegment.ofArray(b);
    }

    private static boolean bit(MemorySegment s, long i) {
        return (s.get(Layouts.U8, i >>> 3) >> (i & 7) & 1) != 0;
    }

    @Test
    void copyMatchesBitByBit() {
        for (int srcBit = 0; srcBit < 20; srcBit++) {
            for (int dstBit = 0; dstBit < 20; dstBit++) {
                for (int count : new int[] {0, 1, 7, 8, 9, 63, 64, 65, 127, 128, 200}) {
                    // exact sizes: an over-read or over-write of the segments fails
                    MemorySegment src = random((srcBit + count + 7) / 8, srcBit * 1000 + count);
                    MemorySegment dst = random((dstBit + count + 7) / 8, dstBit * 77 + count);
                    MemorySegment before = MemorySegment.ofArray(dst.toArray(Layouts.U8));
                    BitRanges.copy(src, srcBit, dst, dstBit, count);
                    for (long i = 0; i < dst.byteSize() * 8; i++) {
                        boolean expected = i >= dstBit && i < dstBit + count ? bit(src, srcBit + i - dstBit)
                                : bit(before, i);
                        assertEquals(expected, bit(dst, i), "src " + srcBit + " dst " + dstBit + " count " + count
                                + " bit " + i);
                    }
                }
            }
        }
    }

    @Test
    void countClearAndSetRange() {
        for (int from = 0; from < 17; from++) {
            for (int count : new int[] {0, 1, 8, 63, 64, 65, 300}) {
                MemorySegment s = random((from + count + 7) / 8, from * 31 + count);
                long clear = 0;
                for (long i = from; i < from + count; i++) {
                    clear += bit(s, i) ? 0 : 1;
                }
                assertEquals(clear, BitRanges.countClear(s, from, count));
                MemorySegment before = MemorySegment.ofArray(s.toArray(Layouts.U8));
                BitRanges.setRange(s, from, count);
                for (long i = 0; i < s.byteSize() * 8; i++) {
                    assertEquals(i >= from && i < from + count || bit(before, i), bit(s, i));
                }
            }
        }
    }

    /**
     * Mostly-set bitmaps (one clear bit in 40, or none, or all clear): every clear bit is found in
     * order, none outside the range, on segments with and without room for a word past the range.
     */
    @Test
    void nextClearFindsEveryClearBitInRange() {
        SplittableRandom r = new SplittableRandom(2211);
        for (int from = 0; from < 19; from++) {
            for (int count : new int[] {0, 1, 7, 8, 9, 56, 63, 64, 65, 130, 1000}) {
                for (int density : new int[] {0, 1, 40}) {
                    for (int spare : new int[] {0, 9}) {
                        byte[] bytes = new byte[(from + count + 7) / 8 + spare];
                        java.util.Arrays.fill(bytes, (byte) (density == 1 ? 0 : -1));
                        MemorySegment s = MemorySegment.ofArray(bytes);
                        if (density == 40) {
                            for (long i = 0; i < bytes.length * 8L; i++) {
                                if (r.nextInt(40) == 0) {
                                    s.set(Layouts.U8, i >>> 3, (byte) (s.get(Layouts.U8, i >>> 3) & ~(1 << (i & 7))));
                                }
                            }
                        }
                        String what = "from " + from + " count " + count + " density " + density + " spare " + spare;
                        long to = from + count;
                        long at = from;
                        while (true) {
                            long expected = at;
                            while (expected < to && bit(s, expected)) {
                                expected++;
                            }
                            long got = BitRanges.nextClear(s, at, to);
                            assertEquals(expected, got, what + " from bit " + at);
                            if (got >= to) {
                                break;
                            }
                            at = got + 1;
                        }
                    }
                }
            }
        }
    }

    /** Arrow's bit_slice: whole bytes when the range starts on a byte, shifted with clear tail bits otherwise. */
    @Test
    void sliceKeepsFollowingBitsOnlyWhenByteAligned() {
        MemorySegment bitmap = MemorySegment.ofArray(new byte[] {(byte) 0b1010_1101, (byte) 0xFF, (byte) 0x0F});
        MemorySegment out = MemorySegment.ofArray(new byte[4]);
        BitRanges.sliceInto(bitmap, 8, 3, out, 1); // aligned: the whole byte, bits 3..7 included
        assertEquals((byte) 0xFF, out.get(Layouts.U8, 1));
        BitRanges.sliceInto(bitmap, 2, 3, out, 2); // unaligned: bits 2..4 shifted down, the rest clear
        assertEquals((byte) 0b011, out.get(Layouts.U8, 2));
        BitRanges.sliceInto(bitmap, 4, 12, out, 0); // unaligned over a byte boundary
        assertEquals((byte) 0xFA, out.get(Layouts.U8, 0));
        assertEquals((byte) 0x0F, out.get(Layouts.U8, 1));
    }
}
