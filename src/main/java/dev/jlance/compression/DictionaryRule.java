package dev.jlance.compression;

import dev.jlance.codec.DictionaryBuilder;
import dev.jlance.data.BlockStatistics;
import dev.jlance.data.DataBlock;
import dev.jlance.data.DictionaryBlock;
import dev.jlance.data.FixedWidthBlock;
import dev.jlance.data.VariableWidthBlock;
import dev.jlance.memory.OffHeapArena;
import dev.jlance.schema.FieldEncodingParams;
import dev.jlance.schema.LanceField;
import java.util.Optional;

/** When a page is stored as indices into a dictionary (decided before any other choice). */
final class DictionaryRule {

    private DictionaryRule() {
    }

    /** Pages with fewer values are never dictionary-encoded. */
    public static final long DICT_MIN_VALUES = 100;
    /** A dictionary must shrink the page to at most this fraction, unless the field says otherwise. */
    public static final double DEFAULT_DICT_SIZE_RATIO = 0.8;
    /** A dictionary may hold at most values / divisor entries, unless the field says otherwise. */
    public static final int DEFAULT_DICT_DIVISOR = 2;
    /** A dictionary never holds more entries than this. */
    public static final long DICT_MAX_CARDINALITY = 100_000;
    /** Values sampled to detect near-unique pages, and the fewest that make the sample count. */
    static final int DICT_SAMPLE = 4096;
    static final int DICT_MIN_SAMPLE = 1024;
    /** A sample at least this distinct means the page is near-unique: no dictionary. */
    static final double DICT_NEAR_UNIQUE = 0.98;

    /**
     * Official Lance 7.0.0's rule, which is exact and deterministic: variable-width and 128-bit
     * pages of at least {@value #DICT_MIN_VALUES} values (nulls included); not near-unique in an
     * evenly strided sample of {@value #DICT_SAMPLE}; at most {@code min(n / dict-divisor,}
     * {@value #DICT_MAX_CARDINALITY}{@code )} distinct values; and dictionary plus 32-bit indices at
     * most {@code dict-size-ratio} of the raw values (offsets included).
     */
    static Optional<DictionaryBlock> dictionaryEncode(LanceField field, BlockStatistics stats, OffHeapArena arena) {
        DataBlock block = stats.block();
        long n = stats.numValues();
        boolean candidate = block instanceof VariableWidthBlock
                || block instanceof FixedWidthBlock f && f.bitsPerValue() == 128;
        if (!candidate || n < DICT_MIN_VALUES) {
            return Optional.empty();
        }
        int sample = (int) Math.min(n, DICT_SAMPLE);
        if (sample >= DICT_MIN_SAMPLE) {
            long stride = Math.max(1, n / DICT_SAMPLE);
            if ((double) DictionaryBuilder.distinctInSample(block, stride, sample) / sample >= DICT_NEAR_UNIQUE) {
                return Optional.empty();
            }
        }
        FieldEncodingParams params = field.encodingParams();
        long budget = Math.min(n / params.dictDivisor().orElse(DEFAULT_DICT_DIVISOR), DICT_MAX_CARDINALITY);
        DictionaryBlock dict = DictionaryBuilder.encode(block, budget, arena);
        if (dict == null) {
            return Optional.empty();
        }
        long card = dict.dictionary().numValues();
        double encoded;
        double raw;
        if (block instanceof VariableWidthBlock v) {
            long ow = v.bytesPerOffset();
            VariableWidthBlock d = (VariableWidthBlock) dict.dictionary();
            encoded = d.offset(card) + ow * (card + 1) + 4.0 * n;
            raw = stats.dataSize() + ow * (n + 1);
        } else {
            encoded = 16.0 * card + 4.0 * n;
            raw = 16.0 * n;
        }
        double ratio = params.dictSizeRatio().orElse(DEFAULT_DICT_SIZE_RATIO);
        return encoded / raw <= ratio ? Optional.of(dict) : Optional.empty();
    }
}
