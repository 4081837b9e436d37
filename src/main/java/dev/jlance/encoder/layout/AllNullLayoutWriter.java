package dev.jlance.encoder.layout;

import dev.jlance.format.pb.Encodings21.AllNullLayout;
import dev.jlance.format.pb.Encodings21.PageLayout;
import dev.jlance.repdef.RepDefLayer;
import java.util.List;

/** Pages whose values are all null: no value data at all. */
public final class AllNullLayoutWriter {

    private AllNullLayoutWriter() {
    }

    /** A page where the only layer is the leaf's validity: layers and nothing else, no buffers. */
    public static PageBuffers simple() {
        AllNullLayout layout = AllNullLayout.newBuilder().addLayers(RepDefLayer.NULLABLE_ITEM.proto()).build();
        return new PageBuffers(List.of(), PageLayout.newBuilder().setAllNullLayout(layout).build(), "all-null", "none");
    }
}
