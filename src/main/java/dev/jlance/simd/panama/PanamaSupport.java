package dev.jlance.simd.panama;

import dev.jlance.simd.SimdSettings;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Every Vector API constant in one holder: the vector shape is chosen once, from
 * {@link SimdSettings#WIDTH_PROPERTY} when set, else the CPU's preferred shape.
 */
public final class PanamaSupport {

    public static final VectorShape SHAPE = chooseShape();
    public static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_PREFERRED.withShape(SHAPE);
    public static final VectorSpecies<Short> SHORTS = ShortVector.SPECIES_PREFERRED.withShape(SHAPE);
    public static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED.withShape(SHAPE);
    public static final VectorSpecies<Long> LONGS = LongVector.SPECIES_PREFERRED.withShape(SHAPE);

    private PanamaSupport() {
    }

    /** Called by the provider: fails when the Vector API cannot be used here. */
    public static void check() {
        if (IntVector.SPECIES_PREFERRED.vectorBitSize() < 128) {
            throw new IllegalStateException("preferred vectors are only " + IntVector.SPECIES_PREFERRED.vectorBitSize()
                    + " bits");
        }
        // Not SHAPE: when this class is initialised first, the provider calls check() before SHAPE is set.
        VectorShape shape = chooseShape();
        if (shape.vectorBitSize() > IntVector.SPECIES_MAX.vectorBitSize()) {
            throw new IllegalStateException("forced width " + shape.vectorBitSize() + " exceeds the CPU's "
                    + IntVector.SPECIES_MAX.vectorBitSize());
        }
    }

    private static VectorShape chooseShape() {
        int bits = SimdSettings.forcedVectorBits();
        return bits == 0 ? VectorShape.preferredShape() : VectorShape.forBitSize(bits);
    }
}
