package dev.jlance.encoder.layout;

import dev.jlance.memory.Layouts;
import dev.jlance.repdef.SerializedRepDef;
import java.lang.foreign.MemorySegment;

/**
 * The per-item control words of a full-zip page: {@code (rep << defBits) | def}, in 0, 1, 2 or 4
 * bytes. Widths come from the largest levels present in the page (see {@link #of}).
 */
final class ControlWords {

    private final MemorySegment rep;
    private final MemorySegment def;
    private final int repBits;
    private final int defBits;
    private final int bytesPerWord;
    private final int maxRep;

    private ControlWords(MemorySegment rep, MemorySegment def, int repBits, int defBits, int maxRep) {
        this.rep = rep;
        this.def = def;
        this.repBits = repBits;
        this.defBits = defBits;
        this.maxRep = maxRep;
        int bits = repBits + defBits;
        this.bytesPerWord = bits == 0 ? 0 : bits <= 8 ? 1 : bits <= 16 ? 2 : 4;
    }

    static ControlWords of(SerializedRepDef levels) {
        int maxRep = max(levels.repetition(), levels.numLevels());
        // Widths follow the largest levels present, as official Lance sizes them. But a page whose
        // layers declare definition levels that never occur (a nullable layer kept nullable in a
        // page without nulls) still gets a one-bit definition: without any, official 7.0.0's
        // full-zip reader takes the layer as all valid and sizes its validity by rows, not items.
        int maxDef = Math.max(max(levels.definition(), levels.numLevels()), levels.maxDef() > 0 ? 1 : 0);
        return new ControlWords(maxRep == 0 ? null : levels.repetition(), maxDef == 0 ? null : levels.definition(),
                bitWidth(maxRep), bitWidth(maxDef), maxRep);
    }

    private static int max(MemorySegment levels, long n) {
        if (levels == null) {
            return 0;
        }
        int max = 0;
        for (long i = 0; i < n; i++) {
            max = Math.max(max, levels.getAtIndex(Layouts.U16, i) & 0xFFFF);
        }
        return max;
    }

    /** Bits needed for {@code x}: 0→0, 1→1, 2..3→2, 4..7→3. */
    static int bitWidth(int x) {
        return 32 - Integer.numberOfLeadingZeros(x);
    }

    int repBits() {
        return repBits;
    }

    int defBits() {
        return defBits;
    }

    int bytesPerWord() {
        return bytesPerWord;
    }

    boolean hasRepetition() {
        return rep != null;
    }

    int def(long i) {
        return def == null ? 0 : def.getAtIndex(Layouts.U16, i) & 0xFFFF;
    }

    /** True when item {@code i} starts a new top-level row. */
    boolean startsRow(long i) {
        return rep == null || (rep.getAtIndex(Layouts.U16, i) & 0xFFFF) == maxRep;
    }

    long word(long i) {
        long r = rep == null ? 0 : rep.getAtIndex(Layouts.U16, i) & 0xFFFF;
        return (r << defBits) | def(i);
    }
}
