package dev.jlance.codegen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code dev.jlance.simd.panama.PanamaBitPacking{8,16,32,64}}: straight-line Vector API code
 * per bit width, pack and unpack, with every shift, mask and offset a constant, plus one generic
 * pack and unpack with run-time widths. The generic loop needs a variable shift and a branch per
 * row and runs at about half the speed; {@code PanamaBitPacking} says when each form is used.
 *
 * <p>The build runs this file with Java's source launcher in the generate-sources phase (see the
 * pom), so the 46,000 generated lines are never checked in and can never go stale:
 * {@code java src/codegen/java/dev/jlance/codegen/BitPackingGenerator.java OUTPUT_SOURCE_ROOT}. A file
 * whose content would not change is left alone, so its time stamp does not make the compiler
 * rebuild the module.
 */
public final class BitPackingGenerator {

    /** Where the classes go below the source root: the one package allowed to use the Vector API. */
    static final Path PACKAGE_DIR = Path.of("dev", "jlance", "simd", "panama");
    private static final int[] FL_ORDER = {0, 4, 2, 6, 1, 5, 3, 7};
    /** Rows per step method (see {@link #method}). */
    private static final int ROWS_PER_STEP = 8;

    private BitPackingGenerator() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: BitPackingGenerator OUTPUT_SOURCE_ROOT");
        }
        Path dir = Path.of(args[0]).resolve(PACKAGE_DIR);
        Files.createDirectories(dir);
        for (int t : new int[] {8, 16, 32, 64}) {
            Path file = dir.resolve(className(t) + ".java");
            String source = source(t);
            if (!Files.exists(file) || !Files.readString(file, StandardCharsets.UTF_8).equals(source)) {
                Files.writeString(file, source, StandardCharsets.UTF_8);
            }
        }
    }

    static String className(int t) {
        return "PanamaBitPacking" + t;
    }

    /** The generated source for {@code t}-bit values. */
    static String source(int t) {
        Type type = Type.of(t);
        int lanes = 1024 / t;
        StringBuilder s = new StringBuilder();
        s.append("""
                // GENERATED at build time by src/codegen/java/dev/jlance/codegen/BitPackingGenerator.java; do not edit.
                package dev.jlance.simd.panama;

                import java.lang.foreign.MemorySegment;
                import java.nio.ByteOrder;
                import jdk.incubator.vector.%2$s;
                import jdk.incubator.vector.VectorOperators;
                import jdk.incubator.vector.VectorSpecies;

                /**
                 * FastLanes pack and unpack of 1024 %1$d-bit values: per bit width, straight-line code with
                 * constant shifts and offsets, cut into steps of a few rows (see the generator for why), and
                 * a generic form for any width. Each walks the %3$d lanes one vector at a time (lanes never
                 * interact), so the same code serves every vector width.
                 */
                final class %4$s {

                    private static final VectorSpecies<%5$s> S = PanamaSupport.%6$s;
                    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
                    /** Bytes of one row or one packed word of all lanes. */
                    private static final int ROW_BYTES = %7$d;
                    /** Byte offset, within a lane group, of each row's first value. */
                    private static final long[] ROW_OFFSET = {%8$s};

                    private %4$s() {
                    }

                """.formatted(t, type.vector, lanes, className(t), type.boxed, type.species, 128, rowOffsets(t)));
        dispatcher(s, t, "pack");
        dispatcher(s, t, "unpack");
        generic(s, type, t);
        for (int w = 1; w <= t; w++) {
            pack(s, type, t, w);
        }
        for (int w = 1; w <= t; w++) {
            unpack(s, type, t, w);
        }
        s.append("}\n");
        return s.toString();
    }

    private static void dispatcher(StringBuilder s, int t, String op) {
        s.append("    /** ").append(op.equals("pack") ? "Packs" : "Unpacks").append(" one block at width {@code w}, 1 to ")
                .append(t).append(". */\n");
        s.append("    static void ").append(op)
                .append("(int w, MemorySegment in, long inOffset, MemorySegment out, long outOffset) {\n");
        s.append("        switch (w) {\n");
        for (int w = 1; w <= t; w++) {
            s.append("            case ").append(w).append(" -> ").append(op).append(w)
                    .append("(in, inOffset, out, outOffset);\n");
        }
        s.append("            default -> throw new IllegalArgumentException(\"bit width \" + w);\n");
        s.append("        }\n    }\n\n");
    }

    private static String rowOffsets(int t) {
        StringBuilder s = new StringBuilder();
        for (int r = 0; r < t; r++) {
            s.append(r == 0 ? "" : ", ").append(rowOffset(r, t / 8));
        }
        return s.toString();
    }

    /**
     * Pack and unpack at a run-time width: a loop over rows with variable shifts and a branch per
     * row, a few times slower than the unrolled code, but one method serves every width, so it is
     * compiled (and fast) after a few thousand blocks of any widths.
     */
    private static void generic(StringBuilder s, Type type, int t) {
        String v = type.vector;
        String mask = switch (t) {
            case 8 -> "(byte) ((1 << w) - 1)";
            case 16 -> "(short) ((1 << w) - 1)";
            case 32 -> "w == 32 ? -1 : (1 << w) - 1";
            default -> "w == 64 ? -1L : (1L << w) - 1";
        };
        s.append("""
                    /** Packs one block at width {@code w}, 1 to %1$d, with run-time shifts (one method for every width). */
                    static void packGeneric(int w, MemorySegment in, long inOffset, MemorySegment out, long outOffset) {
                        %2$s mask = %2$s.broadcast(S, %3$s);
                        %2$s zero = %2$s.zero(S);
                        for (int lane = 0; lane < ROW_BYTES; lane += S.vectorByteSize()) {
                            %2$s acc = zero;
                            int bit = 0;
                            for (int row = 0; row < %1$d; row++) {
                                %2$s v = %2$s.fromMemorySegment(S, in, inOffset + lane + ROW_OFFSET[row], LE).and(mask);
                                int shift = bit & %4$d;
                                acc = acc.or(v.lanewise(VectorOperators.LSHL, shift));
                                if (shift + w >= %1$d) {
                                    // The word is full: store it and carry the bits of v that did not fit.
                                    acc.intoMemorySegment(out, outOffset + lane + (long) (bit >>> %5$d) * ROW_BYTES, LE);
                                    acc = shift == 0 ? zero : v.lanewise(VectorOperators.LSHR, %1$d - shift);
                                }
                                bit += w;
                            }
                        }
                    }

                    /** Unpacks one block at width {@code w}, 1 to %1$d, with run-time shifts (one method for every width). */
                    static void unpackGeneric(int w, MemorySegment in, long inOffset, MemorySegment out, long outOffset) {
                        %2$s mask = %2$s.broadcast(S, %3$s);
                        for (int lane = 0; lane < ROW_BYTES; lane += S.vectorByteSize()) {
                            int bit = 0;
                            for (int row = 0; row < %1$d; row++) {
                                int shift = bit & %4$d;
                                long word = inOffset + lane + (long) (bit >>> %5$d) * ROW_BYTES;
                                %2$s v = %2$s.fromMemorySegment(S, in, word, LE).lanewise(VectorOperators.LSHR, shift);
                                if (shift + w > %1$d) {
                                    // The value continues in the lane's next word.
                                    v = v.or(%2$s.fromMemorySegment(S, in, word + ROW_BYTES, LE)
                                            .lanewise(VectorOperators.LSHL, %1$d - shift));
                                }
                                v.and(mask).intoMemorySegment(out, outOffset + lane + ROW_OFFSET[row], LE);
                                bit += w;
                            }
                        }
                    }

                """.formatted(t, v, mask, t - 1, Integer.numberOfTrailingZeros(t)));
    }

    /** Byte offset, within a lane group, of row {@code r}'s first value. */
    private static long rowOffset(int r, int bytes) {
        return (long) bytes * (FL_ORDER[r / 8] * 16 + (r % 8) * 128);
    }

    /**
     * Writes {@code name}, which calls one step method per {@link #ROWS_PER_STEP} rows. Each step
     * loops over the lane groups itself and keeps no vector across calls: a pack step that ends
     * inside a word stores the partial word in its output slot and the next step loads it back; an
     * unpack step loads the word its first row starts in.
     *
     * <p>Why steps: a method holding every row is fastest under C2, but C1 gives up on it ("out of
     * virtual registers") and a method left in C1-compiled code runs the Vector API boxed, a hundred
     * times slower. Steps that passed vectors as arguments fare no better: C2 stops inlining them
     * (NodeCountInliningCutoff) and then boxes every vector it passes.
     */
    private static void method(StringBuilder s, Type type, String name, String mask, List<String> rows) {
        int steps = (rows.size() + ROWS_PER_STEP - 1) / ROWS_PER_STEP;
        s.append("    private static void ").append(name)
                .append("(MemorySegment in, long inOffset, MemorySegment out, long outOffset) {\n");
        for (int k = 0; k < steps; k++) {
            s.append("        ").append(name).append('_').append(k).append("(in, inOffset, out, outOffset);\n");
        }
        s.append("    }\n\n");
        for (int k = 0; k < steps; k++) {
            s.append("    private static void ").append(name).append('_').append(k)
                    .append("(MemorySegment in, long inOffset, MemorySegment out, long outOffset) {\n");
            if (!mask.isEmpty()) {
                s.append("        ").append(mask).append("\n");
            }
            s.append("        for (int lane = 0; lane < ROW_BYTES; lane += S.vectorByteSize()) {\n");
            s.append("            long i = inOffset + lane;\n");
            s.append("            long o = outOffset + lane;\n");
            for (String row : rows.subList(k * ROWS_PER_STEP, Math.min(rows.size(), (k + 1) * ROWS_PER_STEP))) {
                s.append(row);
            }
            s.append("        }\n    }\n\n");
        }
    }

    private static void pack(StringBuilder s, Type type, int t, int w) {
        int bytes = t / 8;
        String v = type.vector;
        List<String> rows = new ArrayList<>();
        for (int r = 0; r < t; r++) {
            StringBuilder row = new StringBuilder();
            boolean stepStart = r % ROWS_PER_STEP == 0;
            boolean stepEnd = r % ROWS_PER_STEP == ROWS_PER_STEP - 1 || r == t - 1;
            String load = v + ".fromMemorySegment(S, in, i + " + rowOffset(r, bytes) + ", LE)";
            String decl = stepStart ? "            " + v + " " : "            ";
            if (w == t) {
                row.append(decl).append("v = ").append(load).append(";\n");
                row.append("            v.intoMemorySegment(out, o + ").append(128L * r).append(", LE);\n");
                rows.add(row.toString());
                continue;
            }
            int bit = r * w;
            int word = bit / t;
            int shift = bit % t;
            row.append(decl).append("v = ").append(load).append(".and(mask);\n");
            if (shift == 0) {
                row.append(decl).append("acc = v;\n");
            } else {
                if (stepStart) {
                    row.append(decl).append("acc = ").append(v).append(".fromMemorySegment(S, out, o + ")
                            .append(128L * word).append(", LE);\n");
                }
                row.append("            acc = acc.or(v.lanewise(VectorOperators.LSHL, ").append(shift).append("));\n");
            }
            int end = bit + w;
            if (shift + w >= t) {
                row.append("            acc.intoMemorySegment(out, o + ").append(128L * word).append(", LE);\n");
                int spill = shift + w - t;
                if (spill > 0) {
                    row.append("            acc = v.lanewise(VectorOperators.LSHR, ").append(w - spill).append(");\n");
                }
            }
            if (stepEnd && end % t != 0) {
                // The next step goes on filling this word: leave the partial word in its slot.
                row.append("            acc.intoMemorySegment(out, o + ").append(128L * (end / t)).append(", LE);\n");
            }
            rows.add(row.toString());
        }
        method(s, type, "pack" + w, w < t ? maskDecl(type, w) : "", rows);
    }

    private static void unpack(StringBuilder s, Type type, int t, int w) {
        int bytes = t / 8;
        String v = type.vector;
        String loadWord = v + ".fromMemorySegment(S, in, i + %d, LE)";
        List<String> rows = new ArrayList<>();
        for (int r = 0; r < t; r++) {
            StringBuilder row = new StringBuilder();
            boolean stepStart = r % ROWS_PER_STEP == 0;
            String decl = stepStart ? "            " + v + " " : "            ";
            String store = "            v.intoMemorySegment(out, o + " + rowOffset(r, bytes) + ", LE);\n";
            if (w == t) {
                row.append(decl).append("v = ").append(loadWord.formatted(128L * r)).append(";\n").append(store);
                rows.add(row.toString());
                continue;
            }
            int bit = r * w;
            int word = bit / t;
            int shift = bit % t;
            if (stepStart) {
                row.append(decl).append("src = ").append(loadWord.formatted(128L * word)).append(";\n");
            }
            String shifted = shift == 0 ? "src" : "src.lanewise(VectorOperators.LSHR, " + shift + ")";
            if (shift + w < t) {
                row.append(decl).append("v = ").append(shifted).append(".and(mask);\n");
            } else if (shift + w == t) {
                // The logical shift leaves exactly w bits: no mask.
                row.append(decl).append("v = ").append(shifted).append(";\n");
                boolean stepEnd = r % ROWS_PER_STEP == ROWS_PER_STEP - 1;
                if (word + 1 < w && !stepEnd) {
                    row.append("            src = ").append(loadWord.formatted(128L * (word + 1))).append(";\n");
                }
            } else {
                row.append(decl).append("v = ").append(shifted).append(";\n");
                row.append("            src = ").append(loadWord.formatted(128L * (word + 1))).append(";\n");
                row.append("            v = v.or(src.lanewise(VectorOperators.LSHL, ").append(t - shift)
                        .append(")).and(mask);\n");
            }
            row.append(store);
            rows.add(row.toString());
        }
        method(s, type, "unpack" + w, w < t ? maskDecl(type, w) : "", rows);
    }

    private static String maskDecl(Type type, int w) {
        return type.vector + " mask = " + type.vector + ".broadcast(S, " + type.literal(mask(w)) + ");";
    }

    private static long mask(int w) {
        return w == 64 ? -1L : (1L << w) - 1;
    }

    private record Type(String vector, String boxed, String species, String cast) {
        static Type of(int t) {
            return switch (t) {
                case 8 -> new Type("ByteVector", "Byte", "BYTES", "(byte) ");
                case 16 -> new Type("ShortVector", "Short", "SHORTS", "(short) ");
                case 32 -> new Type("IntVector", "Integer", "INTS", "");
                case 64 -> new Type("LongVector", "Long", "LONGS", "");
                default -> throw new IllegalArgumentException("t " + t);
            };
        }

        /** {@code m} as a literal of the lane type (bit pattern kept). */
        String literal(long m) {
            return switch (boxed) {
                case "Byte", "Short" -> cast + "0x" + Long.toHexString(m);
                case "Integer" -> "0x" + Integer.toHexString((int) m);
                default -> "0x" + Long.toHexString(m) + "L";
            };
        }
    }
}
