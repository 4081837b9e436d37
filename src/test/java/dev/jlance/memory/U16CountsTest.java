package dev.jlance.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class U16CountsTest {

    private static long naive(MemorySegment s, long from, int n, int value) {
        long count = 0;
        for (int i = 0; i < n; i++) {
            count += (s.getAtIndex(Layouts.U16, from + i) & 0xFFFF) == (value & 0xFFFF) ? 1 : 0;
        }
        return count;
    }

    @Test
    void agreesWithAValueByValueCountAtEveryOffsetAndLength() {
        SplittableRandom rng = new SplittableRandom(16);
        // values that share bits with the target, the lane boundaries' extremes, and the sign bit
        short[] alphabet = {0, 1, 2, 3, (short) 0x7FFF, (short) 0x8000, (short) 0xFFFF, (short) 0x8001, 0x0100};
        try (Arena arena = Arena.ofConfined()) {
            int size = 300;
            MemorySegment s = arena.allocate(2L * size + 1).asSlice(1); // unaligned on purpose
            for (int round = 0; round < 40; round++) {
                for (int i = 0; i < size; i++) {
                    short v = round % 3 == 0 ? (short) rng.nextInt(1 << 16) : alphabet[rng.nextInt(alphabet.length)];
                    s.setAtIndex(Layouts.U16, i, v);
                }
                for (int from = 0; from < 9; from++) {
                    for (int n : new int[] {0, 1, 3, 4, 5, 7, 8, 63, 64, 65, 200, size - from}) {
                        for (short value : alphabet) {
                            assertEquals(naive(s, from, n, value), U16Counts.countEqual(s, from, n, value),
                                    "round " + round + " from " + from + " n " + n + " value " + value);
                        }
                    }
                }
            }
        }
    }

    @Test
    void countsEveryLaneWhenAllMatch() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(2L * 1027);
            for (int i = 0; i < 1027; i++) {
                s.setAtIndex(Layouts.U16, i, (short) 0xFFFF);
            }
            assertEquals(1027, U16Counts.countEqual(s, 0, 1027, 0xFFFF));
            assertEquals(0, U16Counts.countEqual(s, 0, 1027, 0x7FFF));
        }
    }
}
