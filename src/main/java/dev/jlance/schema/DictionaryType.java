package dev.jlance.schema;

import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * An Arrow dictionary-encoded field: batches hold its keys (Arrow Java's in-memory form, where the
 * field's type is the index type), its values live in a {@code DictionaryProvider} under {@code id}.
 *
 * @param id the {@code DictionaryEncoding} id the values are looked up by
 * @param indexType the keys' integer type
 * @param valueType the type of the dictionary's values (what a key stands for)
 * @param valueStorage how the values are laid out
 */
public record DictionaryType(long id, ArrowType.Int indexType, ArrowType valueType, PhysicalType valueStorage) {

    /** How the keys are laid out: fixed width, as wide as the index type. */
    public PhysicalType indexStorage() {
        return PhysicalType.fixedBytes(indexType.getBitWidth() / 8);
    }

    /**
     * Dictionary entries a key can address: 2^(bits-1) for signed keys, 2^bits for unsigned ones,
     * capped at {@link Integer#MAX_VALUE} (Arrow Java vectors hold at most that many values).
     */
    public long addressableEntries() {
        int bits = indexType.getBitWidth() - (indexType.getIsSigned() ? 1 : 0);
        return bits >= 31 ? Integer.MAX_VALUE : 1L << bits;
    }

    /** As messages print it, e.g. {@code Dictionary(Int(8, true), Utf8)}. */
    public String describe() {
        return "Dictionary(" + indexType + ", " + valueType + ")";
    }
}
