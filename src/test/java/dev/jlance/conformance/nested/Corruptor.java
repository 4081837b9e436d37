package dev.jlance.conformance.nested;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.LargeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;

/**
 * Changes one thing in batches, in place, to prove the comparator notices (or, for
 * {@link Kind#UNDER_NULL}, that it ignores what Lance does not keep). Every change is made at a
 * "site" reached through non-null parents from a row, so the comparator must report exactly that row
 * and path.
 */
final class Corruptor {

    private Corruptor() {
    }

    enum Kind {
        /** One bit (or byte) of a non-null leaf value. */
        LEAF_VALUE,
        /** A non-empty list one item shorter (its end offset moved back). */
        LIST_LENGTH,
        /** A non-null struct made null. */
        STRUCT_NULL,
        /** A non-null list made null. */
        LIST_NULL,
        /** A null leaf made non-null. */
        LEAF_NULL_TO_VALUE,
        /** A leaf slot under a null struct changed (value and validity): must NOT be reported. */
        UNDER_NULL
    }

    /** What was changed: the global row, the value path as the comparator prints it, and how. */
    record Change(long row, String path, String what) {
        String encode() {
            return row + "\u0001" + path + "\u0001" + what;
        }

        static Change decode(String s) {
            String[] p = s.split("\u0001", 3);
            return new Change(Long.parseLong(p[0]), p[1], p[2]);
        }
    }

    /** A tamper hook for {@link FuzzRunner}: one change of {@code kind}; its note is the encoded change or null. */
    static Function<NestedDataGenerator.Batches, String> tamper(Kind kind, long seed) {
        return b -> corrupt(b.roots, kind, new SplittableRandom(seed)).map(Change::encode).orElse(null);
    }

    private record Site(FieldVector vector, int index, String path, long row, boolean visible) {
    }

    /** Makes one change of {@code kind} somewhere in {@code batches}; empty if there is no such site. */
    static Optional<Change> corrupt(List<VectorSchemaRoot> batches, Kind kind, SplittableRandom r) {
        List<Site> sites = new ArrayList<>();
        long rowBase = 0;
        for (VectorSchemaRoot root : batches) {
            for (int i = 0; i < root.getRowCount(); i++) {
                for (FieldVector v : root.getFieldVectors()) {
                    collect(v, i, v.getField().getName(), rowBase + i, true, kind, sites);
                }
            }
            rowBase += root.getRowCount();
        }
        if (sites.isEmpty()) {
            return Optional.empty();
        }
        Site s = sites.get(r.nextInt(sites.size()));
        String what = apply(s, kind);
        return Optional.of(new Change(s.row(), s.path(), what));
    }

    private static void collect(FieldVector v, int i, String path, long row, boolean visible, Kind kind,
            List<Site> out) {
        if (v.getField().getDictionary() != null) {
            return; // keys: changing one would be a change of the value it stands for, not tested here
        }
        boolean isNull = v.isNull(i);
        switch (v) {
            case StructVector s -> {
                if (kind == Kind.STRUCT_NULL && visible && !isNull && s.getField().isNullable()) {
                    out.add(new Site(v, i, path, row, true));
                }
                for (FieldVector c : s.getChildrenFromFields()) {
                    collect(c, i, path + "." + c.getField().getName(), row, visible && !isNull, kind, out);
                }
            }
            case FixedSizeListVector l -> {
                if (!isNull && visible) {
                    int d = l.getListSize();
                    for (int k = 0; k < d; k++) {
                        collect(l.getDataVector(), i * d + k, path + "[" + k + "]", row, true, kind, out);
                    }
                }
            }
            case ListVector l -> list(v, l.getDataVector(), i, path, row, visible, isNull, kind, out);
            case LargeListVector l -> list(v, l.getDataVector(), i, path, row, visible, isNull, kind, out);
            case NullVector n -> {
            }
            default -> {
                boolean wanted = switch (kind) {
                    case LEAF_VALUE -> visible && !isNull && hasBytes(v, i);
                    case LEAF_NULL_TO_VALUE -> visible && isNull;
                    case UNDER_NULL -> !visible && v instanceof BaseFixedWidthVector && !(v instanceof BitVector);
                    default -> false;
                };
                if (wanted) {
                    out.add(new Site(v, i, path, row, visible));
                }
            }
        }
    }

    private static void list(FieldVector v, FieldVector child, int i, String path, long row, boolean visible,
            boolean isNull, Kind kind, List<Site> out) {
        long[] range = NestedComparator.listRange(v, i);
        if (visible && !isNull && (kind == Kind.LIST_LENGTH && range[1] > range[0]
                || kind == Kind.LIST_NULL && v.getField().isNullable())) {
            out.add(new Site(v, i, path, row, true));
        }
        if (!visible || isNull) {
            return; // items of a null list: not a place the comparator looks at (nor UNDER_NULL's, which is struct-only)
        }
        for (long k = range[0]; k < range[1]; k++) {
            collect(child, (int) k, path + "[" + (k - range[0]) + "]", row, true, kind, out);
        }
    }

    private static boolean hasBytes(FieldVector v, int i) {
        return switch (v) {
            case BaseVariableWidthVector w -> w.getValueLength(i) > 0;
            case BaseLargeVariableWidthVector w -> w.getOffsetBuffer().getLong(8L * i + 8) > w.getOffsetBuffer().getLong(8L * i);
            default -> true;
        };
    }

    private static String apply(Site s, Kind kind) {
        FieldVector v = s.vector();
        int i = s.index();
        switch (kind) {
            case LEAF_VALUE -> {
                switch (v) {
                    case BitVector b -> {
                        b.set(i, 1 - b.get(i));
                        return "flipped the boolean";
                    }
                    case BaseFixedWidthVector f -> {
                        long at = (long) i * f.getTypeWidth() + (f.getTypeWidth() - 1);
                        ArrowBuf data = f.getDataBuffer();
                        data.setByte(at, data.getByte(at) ^ 0x01);
                        return "flipped the low bit of the last byte";
                    }
                    case BaseVariableWidthVector w -> {
                        long at = w.getStartOffset(i);
                        w.getDataBuffer().setByte(at, w.getDataBuffer().getByte(at) ^ 0x01);
                        return "flipped a bit of the first byte";
                    }
                    case BaseLargeVariableWidthVector w -> {
                        long at = w.getOffsetBuffer().getLong(8L * i);
                        w.getDataBuffer().setByte(at, w.getDataBuffer().getByte(at) ^ 0x01);
                        return "flipped a bit of the first byte";
                    }
                    default -> throw new IllegalStateException("no leaf value change for " + v.getClass());
                }
            }
            case LIST_LENGTH -> {
                if (v instanceof ListVector l) {
                    ArrowBuf o = l.getOffsetBuffer();
                    o.setInt(4L * (i + 1), o.getInt(4L * (i + 1)) - 1);
                } else {
                    ArrowBuf o = ((LargeListVector) v).getOffsetBuffer();
                    o.setLong(8L * (i + 1), o.getLong(8L * (i + 1)) - 1);
                }
                return "list one item shorter";
            }
            case STRUCT_NULL, LIST_NULL -> {
                BitVectorHelper.unsetBit(v.getValidityBuffer(), i);
                return "made null";
            }
            case LEAF_NULL_TO_VALUE, UNDER_NULL -> {
                BitVectorHelper.setBit(v.getValidityBuffer(), i);
                if (v instanceof BaseFixedWidthVector f && !(v instanceof BitVector)) {
                    long at = (long) i * f.getTypeWidth();
                    f.getDataBuffer().setByte(at, f.getDataBuffer().getByte(at) ^ 0x5A);
                }
                return "made non-null";
            }
        }
        throw new IllegalStateException();
    }
}
