package dev.jlance.encoder;

import dev.jlance.repdef.RepDefLayer;
import dev.jlance.repdef.SerializedRepDef;

/**
 * Whether official Lance 7.0.0's reader reads a full-zip page back correctly. Its full-zip decoder
 * takes every definition level up to the sum of all non-list layers' levels for an item with a
 * value, while the true limit only counts the layers inside the inner-most list (its mini-block
 * decoder gets this right). A null or empty list, or a null struct between lists, whose level falls
 * between the two is then read as a value: values shift, or the reader panics. The official writer
 * writes such pages anyway; jlance does not.
 */
final class FullZipReadability {

    private FullZipReadability() {
    }

    /** Why the page would be misread, or null when it reads back correctly. */
    static String problem(SerializedRepDef levels) {
        if (levels.maxVisibleDef() < 0 || !levels.hasDefinition()) {
            return null;
        }
        int readerLimit = 0;
        for (RepDefLayer l : levels.layers()) {
            if (!l.isList()) {
                readerLimit += l.defLevels();
            }
        }
        int trueLimit = levels.maxVisibleDef();
        if (readerLimit == trueLimit) {
            return null;
        }
        for (long i = 0; i < levels.numLevels(); i++) {
            int def = levels.def(i);
            if (def > trueLimit && def <= readerLimit) {
                return "official Lance 7.0.0's full-zip reader takes definition levels up to " + readerLimit
                        + " for values, but level " + def + " (a null or empty list under a nullable struct) has none";
            }
        }
        return null;
    }
}
