package dev.jlance.arrow;

import dev.jlance.memory.Layouts;
import dev.jlance.memory.OffHeapArena;
import dev.jlance.schema.PackedStructType;
import java.lang.foreign.MemorySegment;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.NonNullableStructVector;

/**
 * Turns a packed struct's vector into the fixed-width values its column stores: row {@code i} is
 * child 0's value {@code i}, then child 1's, and so on. The leaf's validity is the struct's.
 */
public final class PackedStructRows {

    private PackedStructRows() {
    }

    /**
     * The rows of {@code struct} packed into {@code arena}, validity included: the result does not
     * depend on the caller's vector.
     *
     * @throws IllegalArgumentException naming the struct and the child when a child is null where
     *     the struct is not (format 2.1 has no place for a child's nulls; official Lance 7.0.0 fails
     *     the write too)
     */
    public static ArrowLeaf pack(FieldVector vector, PackedStructType type, OffHeapArena arena) {
        if (!(vector instanceof NonNullableStructVector struct)) {
            throw new IllegalArgumentException("packed struct '" + type.path() + "' expects a struct vector, got "
                    + vector.getClass().getSimpleName());
        }
        List<FieldVector> children = struct.getChildrenFromFields();
        if (children.size() != type.childBits().size()) {
            throw new IllegalArgumentException("packed struct '" + type.path() + "' has " + children.size()
                    + " child vectors, its field has " + type.childBits().size());
        }
        int n = struct.getValueCount();
        int rowBytes = type.bytesPerRow();
        MemorySegment rows = arena.allocate((long) n * rowBytes);
        int at = 0;
        for (int c = 0; c < children.size(); c++) {
            FieldVector child = children.get(c);
            int width = type.childBits().get(c) / 8;
            if (child.getValueCount() < n) {
                throw new IllegalArgumentException("packed struct '" + type.path() + "': child '" + child.getName()
                        + "' has " + child.getValueCount() + " values, the struct " + n);
            }
            if (child.getNullCount() > 0) {
                checkNoNullUnderValidRow(struct, child, n, type.path());
            }
            MemorySegment values = ArrowSegments.view(child.getDataBuffer(), (long) n * width);
            interleave(values, width, rows, at, rowBytes, n);
            at += width;
        }
        long nulls = struct.getNullCount();
        MemorySegment validity = nulls == 0 ? null
                : arena.copyOf(ArrowSegments.view(struct.getValidityBuffer(), ArrowLeaf.bitmapBytes(n)));
        return new ArrowLeaf(type.rowType(), n, nulls, validity, rows, null, List.of());
    }

    private static void checkNoNullUnderValidRow(NonNullableStructVector struct, FieldVector child, int n,
            String path) {
        for (int i = 0; i < n; i++) {
            if (child.isNull(i) && !struct.isNull(i)) {
                throw new IllegalArgumentException("packed struct '" + path + "': child '" + child.getName()
                        + "' is null at index " + i + " of the batch where the struct is not; a packed struct"
                        + " stores no nulls of its children in format 2.1 (official Lance 7.0.0 refuses them too)"
                        + " - make the struct null there, or do not pack it");
            }
        }
    }

    /** Copies {@code n} values of {@code width} bytes into every {@code stride}-th slot of {@code out}. */
    private static void interleave(MemorySegment values, int width, MemorySegment out, long offset, long stride,
            int n) {
        switch (width) {
            case 1 -> {
                for (int i = 0; i < n; i++) {
                    out.set(Layouts.U8, offset + i * stride, values.get(Layouts.U8, i));
                }
            }
            case 2 -> {
                for (int i = 0; i < n; i++) {
                    out.set(Layouts.U16, offset + i * stride, values.getAtIndex(Layouts.U16, i));
                }
            }
            case 4 -> {
                for (int i = 0; i < n; i++) {
                    out.set(Layouts.U32, offset + i * stride, values.getAtIndex(Layouts.U32, i));
                }
            }
            case 8 -> {
                for (int i = 0; i < n; i++) {
                    out.set(Layouts.U64, offset + i * stride, values.getAtIndex(Layouts.U64, i));
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    MemorySegment.copy(values, (long) i * width, out, offset + i * stride, width);
                }
            }
        }
    }
}
