package dev.jlance.encoder.layout;

import dev.jlance.format.pb.Encodings21.AllNullLayout;
import dev.jlance.format.pb.Encodings21.PageLayout;
import dev.jlance.memory.LanceBuffer;
import dev.jlance.repdef.RepDefLayer;
import dev.jlance.repdef.SerializedRepDef;
import java.util.List;

/** Pages without a single valid value: no value data at all. */
public final class AllNullLayoutWriter {

    private AllNullLayoutWriter() {
    }

    /** A page where the only layer is the leaf's validity: layers and nothing else, no buffers. */
    public static PageBuffers simple() {
        AllNullLayout layout = AllNullLayout.newBuilder().addLayers(RepDefLayer.NULLABLE_ITEM.proto()).build();
        return new PageBuffers(List.of(), PageLayout.newBuilder().setAllNullLayout(layout).build(), "all-null", "none");
    }

    /**
     * A page under structs or lists: the levels still tell null structs, null lists and empty lists
     * apart, so they are stored raw (u16), repetition then definition, each buffer empty when the
     * page has none.
     */
    public static PageBuffers complex(SerializedRepDef levels) {
        AllNullLayout.Builder layout = AllNullLayout.newBuilder();
        for (RepDefLayer l : levels.layers()) {
            layout.addLayers(l.proto());
        }
        LanceBuffer rep = levels.hasRepetition() ? new LanceBuffer(levels.repetition()) : LanceBuffer.EMPTY;
        LanceBuffer def = levels.hasDefinition() ? new LanceBuffer(levels.definition()) : LanceBuffer.EMPTY;
        return new PageBuffers(List.of(rep, def), PageLayout.newBuilder().setAllNullLayout(layout).build(), "all-null",
                "none");
    }
}
