package dev.jlance.encoder;

import dev.jlance.FormatVersion;
import dev.jlance.codec.FlatCodec;
import dev.jlance.codec.PackedStructCodec;
import dev.jlance.compression.MiniBlockCompressed;
import dev.jlance.data.FixedWidthBlock;
import dev.jlance.encoder.layout.MiniBlockLayoutWriter;
import dev.jlance.encoder.layout.PageBuffers;
import dev.jlance.format.pb.Encodings21.BlobLayout;
import dev.jlance.format.pb.Encodings21.PageLayout;
import dev.jlance.memory.Layouts;
import dev.jlance.memory.OffHeapArena;
import dev.jlance.repdef.PageLevels;
import dev.jlance.repdef.RepDefLayer;
import dev.jlance.repdef.SerializedRepDef;
import dev.jlance.repdef.ShreddedLevels;
import dev.jlance.schema.LanceField;
import dev.jlance.schema.PhysicalType;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * One page of a blob column: {@code blob_layout{inner_layout, layers}}. The inner layout is a
 * mini-block page of the descriptions, a packed struct {@code (position: u64, size: u64)} without
 * levels of its own; {@code layers} are the blob's real layers, whose definition levels the null
 * descriptions carry in their position ({@code def << 16 | rep}, rep always 0 as blobs are never
 * under lists).
 */
final class BlobPageEncoder {

    /** A description as the page stores it: two u64 side by side. */
    static final PhysicalType DESCRIPTION_TYPE = PhysicalType.fixedBytes(BlobStructuralEncoder.DESCRIPTION_BYTES);
    private static final PackedStructCodec DESCRIPTIONS = new PackedStructCodec(List.of(64, 64));

    private final LanceField field;
    private final int columnIndex;
    private final FormatVersion version;

    /** What a page's arena is called in leak reports (made once, not per page). */
    private final String arenaPurpose;

    BlobPageEncoder(LanceField field, int columnIndex, FormatVersion version) {
        this.field = field;
        this.columnIndex = columnIndex;
        this.version = version;
        this.arenaPurpose = "blob page of column " + columnIndex + " (" + field.path() + ")";
    }

    /**
     * @param alsoNullable layers to record as nullable even when the page has no null there, or null
     *     (official Lance gives the page it writes last the layer kinds of the first batch)
     */
    EncodedPage encode(PendingPage page, boolean[] alsoNullable) {
        OffHeapArena arena = OffHeapArena.open(arenaPurpose);
        try {
            List<ShreddedLevels> levels = new ArrayList<>(page.levels());
            if (alsoNullable != null) {
                ShreddedLevels first = levels.getFirst();
                levels.add(new ShreddedLevels(null, null, 0, new int[0], 0, 0, first.isList(), alsoNullable,
                        new boolean[alsoNullable.length], first.nullableStruct()));
            }
            SerializedRepDef outer = PageLevels.serialize(levels, arena);
            FixedWidthBlock descriptions = (FixedWidthBlock) PageAssembler.values(DESCRIPTION_TYPE, page.pieces(), arena);
            MemorySegment d = descriptions.data().segment();
            if (outer.hasDefinition()) {
                for (long e = 0; e < outer.numLevels(); e++) {
                    int def = outer.def(e);
                    if (def != 0) {
                        d.setAtIndex(Layouts.U64, 2 * e, ((long) def << 16) | outer.rep(e));
                    }
                }
            }
            MiniBlockCompressed chunks = DESCRIPTIONS.compressMiniBlock(descriptions, arena);
            SerializedRepDef none = new SerializedRepDef(null, List.of(RepDefLayer.ALL_VALID_ITEM), 0,
                    descriptions.numValues());
            PageBuffers inner = MiniBlockLayoutWriter.write(chunks, none, FlatCodec.INSTANCE,
                    version == FormatVersion.V2_2, arena, field.path());
            BlobLayout.Builder blob = BlobLayout.newBuilder().setInnerLayout(inner.layout());
            for (RepDefLayer l : outer.layers()) {
                blob.addLayers(l.proto());
            }
            return new EncodedPage(inner.buffers(), PageLayout.newBuilder().setBlobLayout(blob).build(), page.numRows(),
                    page.rowNumber(), columnIndex, "blob", inner.encodingName(), arena);
        } catch (RuntimeException | Error e) {
            arena.close();
            throw e;
        }
    }
}
