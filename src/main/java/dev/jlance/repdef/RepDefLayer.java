package dev.jlance.repdef;

import dev.jlance.format.pb.Encodings21;

/** The kind of one structural layer (struct validity, list offsets or leaf validity). */
public enum RepDefLayer {
    ALL_VALID_ITEM(Encodings21.RepDefLayer.REPDEF_ALL_VALID_ITEM, 0),
    ALL_VALID_LIST(Encodings21.RepDefLayer.REPDEF_ALL_VALID_LIST, 0),
    NULLABLE_ITEM(Encodings21.RepDefLayer.REPDEF_NULLABLE_ITEM, 1),
    NULLABLE_LIST(Encodings21.RepDefLayer.REPDEF_NULLABLE_LIST, 1),
    EMPTYABLE_LIST(Encodings21.RepDefLayer.REPDEF_EMPTYABLE_LIST, 1),
    NULL_AND_EMPTY_LIST(Encodings21.RepDefLayer.REPDEF_NULL_AND_EMPTY_LIST, 2);

    private final Encodings21.RepDefLayer proto;
    private final int defLevels;

    RepDefLayer(Encodings21.RepDefLayer proto, int defLevels) {
        this.proto = proto;
        this.defLevels = defLevels;
    }

    public Encodings21.RepDefLayer proto() {
        return proto;
    }

    /** Whether this is a list layer. */
    public boolean isList() {
        return this == ALL_VALID_LIST || this == NULLABLE_LIST || this == EMPTYABLE_LIST || this == NULL_AND_EMPTY_LIST;
    }

    /** How many definition levels this layer contributes. */
    public int defLevels() {
        return defLevels;
    }
}
