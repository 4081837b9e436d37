package dev.jlance.memory;

import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** Little-endian, unaligned value layouts: the byte order of every integer in a Lance file. */
public final class Layouts {
    public static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    public static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    public static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    public static final ValueLayout.OfByte U8 = ValueLayout.JAVA_BYTE;

    private Layouts() {
    }

    /** Bytes needed to pad {@code position} up to a multiple of {@code alignment} (a power of two). */
    public static long padding(long position, long alignment) {
        return (alignment - (position & (alignment - 1))) & (alignment - 1);
    }
}
