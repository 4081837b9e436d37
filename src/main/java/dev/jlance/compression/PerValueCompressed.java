package dev.jlance.compression;

import dev.jlance.data.FixedWidthBlock;
import dev.jlance.data.VariableWidthBlock;
import dev.jlance.format.pb.Encodings21.CompressiveEncoding;

/** Values compressed one by one, for the full-zip layout: either fixed or variable width. */
public sealed interface PerValueCompressed {

    CompressiveEncoding encoding();

    /** Every value compressed to the same number of bits. */
    record Fixed(FixedWidthBlock data, CompressiveEncoding encoding) implements PerValueCompressed {
    }

    /** Values of varying compressed length. */
    record Variable(VariableWidthBlock data, CompressiveEncoding encoding) implements PerValueCompressed {
    }

    /**
     * Values that take no bytes at all: only the items' control words are zipped (official
     * Lance's fixed-size lists whose items are all null).
     */
    record Constant(long numValues, CompressiveEncoding encoding) implements PerValueCompressed {
    }
}
