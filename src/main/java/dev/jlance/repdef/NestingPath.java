package dev.jlance.repdef;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.LargeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.NonNullableStructVector;

/**
 * The struct and list vectors above a leaf, outer-most first, as the struct and list encoders
 * strip them on the way down. The leaf turns the path into levels with {@link LevelShredder}.
 * Vectors are borrowed: a path is only valid during the {@code write} call that built it.
 *
 * <p>Immutable: each struct child gets its own extension of the parent's path.
 */
public final class NestingPath {

    /** One structural layer above the leaf. */
    public sealed interface Layer permits StructLayer, ListLayer {
    }

    /**
     * A struct's validity; children share its indices.
     *
     * @param fieldPath the struct's path in the writer's schema, for messages
     */
    public record StructLayer(NonNullableStructVector vector, String fieldPath) implements Layer {
    }

    /**
     * A list's validity and offsets into its child.
     *
     * @param vector a ListVector or LargeListVector
     * @param offsetBytes 4 or 8
     * @param fieldPath the list's path in the writer's schema, for messages
     */
    public record ListLayer(FieldVector vector, int offsetBytes, String fieldPath) implements Layer {
    }

    private static final NestingPath TOP = new NestingPath(List.of());

    private final List<Layer> layers;
    /**
     * What {@link LevelShredder} made of these layers for the batch this path belongs to, shared by
     * the leaves below it. A path lives for one batch and is used by one thread (one field is fed
     * on one thread), so no lock guards it; the top-level path, shared by all, never caches.
     */
    private LevelShredder.Layers shredded;

    private NestingPath(List<Layer> layers) {
        this.layers = layers;
    }

    /** The path of a top-level field: no layers. */
    public static NestingPath top() {
        return TOP;
    }

    public NestingPath withStruct(NonNullableStructVector struct, String fieldPath) {
        return with(new StructLayer(struct, fieldPath));
    }

    /** Adds a list layer; {@code list} must be a ListVector or LargeListVector. */
    public NestingPath withList(FieldVector list, String fieldPath) {
        int offsetBytes;
        if (list instanceof ListVector) {
            offsetBytes = 4;
        } else if (list instanceof LargeListVector) {
            offsetBytes = 8;
        } else {
            throw new IllegalArgumentException("vector '" + list.getName() + "' is not a list");
        }
        return with(new ListLayer(list, offsetBytes, fieldPath));
    }

    private NestingPath with(Layer layer) {
        List<Layer> next = new ArrayList<>(layers.size() + 1);
        next.addAll(layers);
        next.add(layer);
        return new NestingPath(List.copyOf(next));
    }

    /** The shredded layers for {@code top} rows, computed by {@code shred} on first use. */
    LevelShredder.Layers shreddedLayers(int top, java.util.function.Supplier<LevelShredder.Layers> shred) {
        if (layers.isEmpty()) {
            throw new IllegalStateException("the top-level path is shared and keeps no levels");
        }
        LevelShredder.Layers s = shredded;
        if (s == null || s.top() != top) {
            release();
            s = shred.get();
            shredded = s;
        }
        return s;
    }

    /**
     * Ends this path's batch: the arrays its leaves' levels were shredded from go back to the
     * thread's scratch. Every leaf below must have handed its levels to a queue (which copies them).
     */
    public void release() {
        LevelShredder.Layers s = shredded;
        if (s != null) {
            shredded = null;
            s.release(LevelScratch.get());
        }
    }

    public List<Layer> layers() {
        return layers;
    }

    public boolean isEmpty() {
        return layers.isEmpty();
    }
}
