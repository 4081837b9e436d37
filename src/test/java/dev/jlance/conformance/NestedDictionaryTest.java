package dev.jlance.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jlance.file.WriteOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lance.file.LanceFileReader;

/**
 * Arrow dictionary-encoded leaves inside lists and structs, written by jlance and read back by the
 * official reader. Keys may be renumbered by a writer, so rows are compared by the values the keys
 * stand for, nulls in the dictionary itself included (they make the key null).
 */
class NestedDictionaryTest {

    private static final DictionaryEncoding ENCODING = new DictionaryEncoding(7, false, new ArrowType.Int(32, true));

    @TempDir
    Path dir;
    private BufferAllocator allocator;

    @BeforeEach
    void setUp() {
        allocator = new RootAllocator();
    }

    @AfterEach
    void tearDown() {
        allocator.close();
    }

    @Test
    void dictionaryLeavesInListsAndStructs() throws Exception {
        Field keys = new Field("item", new FieldType(true, new ArrowType.Int(32, true), ENCODING), List.of());
        Field tags = new Field("tags", FieldType.nullable(ArrowType.List.INSTANCE), List.of(keys));
        Field city = new Field("city", new FieldType(true, new ArrowType.Int(32, true), ENCODING), List.of());
        Field place = new Field("place", FieldType.nullable(ArrowType.Struct.INSTANCE), List.of(city));
        Schema schema = new Schema(List.of(tags, place));

        try (VarCharVector words = new VarCharVector("words", allocator);
                VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
            String[] vocabulary = {"red", "green", null, "blue", "", "violet"};
            words.allocateNew();
            for (int i = 0; i < vocabulary.length; i++) {
                if (vocabulary[i] == null) {
                    words.setNull(i);
                } else {
                    words.setSafe(i, vocabulary[i].getBytes(StandardCharsets.UTF_8));
                }
            }
            words.setValueCount(vocabulary.length);
            DictionaryProvider.MapDictionaryProvider provider = new DictionaryProvider.MapDictionaryProvider();
            provider.put(new Dictionary(words, ENCODING));

            Random rnd = new Random(17);
            int rows = 3000;
            root.allocateNew();
            ListVector list = (ListVector) root.getVector("tags");
            IntVector listKeys = (IntVector) list.getDataVector();
            StructVector struct = (StructVector) root.getVector("place");
            IntVector cityKeys = (IntVector) struct.getChild("city");
            for (int r = 0; r < rows; r++) {
                if (rnd.nextInt(8) == 0) {
                    list.setNull(r);
                } else {
                    int start = list.startNewValue(r);
                    int n = rnd.nextInt(4);
                    for (int k = 0; k < n; k++) {
                        if (rnd.nextInt(9) == 0) {
                            listKeys.setNull(start + k);
                        } else {
                            listKeys.setSafe(start + k, rnd.nextInt(vocabulary.length));
                        }
                    }
                    listKeys.setValueCount(start + n);
                    list.endValue(r, n);
                }
                if (rnd.nextInt(6) == 0) {
                    struct.setNull(r);
                    cityKeys.setNull(r);
                } else {
                    struct.setIndexDefined(r);
                    if (rnd.nextInt(7) == 0) {
                        cityKeys.setNull(r);
                    } else {
                        cityKeys.setSafe(r, rnd.nextInt(vocabulary.length));
                    }
                }
            }
            cityKeys.setValueCount(rows);
            root.setRowCount(rows);

            List<String> expected = new ArrayList<>();
            for (int r = 0; r < rows; r++) {
                expected.add(render(list, r, provider) + " | " + render(struct, r, provider));
            }
            Path file = dir.resolve("dict.lance");
            List<VectorSchemaRoot> batches = new ArrayList<>();
            try {
                for (int start = 0; start < rows; start += 1000) {
                    batches.add(OfficialReaderHarness.slice(root, start, 1000, allocator));
                }
                DictionaryHarness.writeJlance(file, schema, batches, List.of(provider, provider, provider),
                        WriteOptions.builder().cacheBytesPerColumn(4096).build());
            } finally {
                batches.forEach(VectorSchemaRoot::close);
            }

            LanceFilePages pages = LanceFilePages.read(file);
            for (int c = 0; c < 2; c++) {
                org.junit.jupiter.api.Assertions.assertTrue(pages.numPages(c) > 1, "several pages");
                for (LanceFilePages.Page p : pages.pages(c)) {
                    org.junit.jupiter.api.Assertions.assertTrue(p.layout().hasMiniBlockLayout()
                            && p.layout().getMiniBlockLayout().hasDictionary(), "column " + c + ": " + p.layout());
                }
            }
            List<String> actual = new ArrayList<>();
            try (LanceFileReader reader = LanceFileReader.open(file.toString(), allocator);
                    ArrowReader stream = reader.readAll(null, null, 701)) {
                while (stream.loadNextBatch()) {
                    VectorSchemaRoot back = stream.getVectorSchemaRoot();
                    for (int r = 0; r < back.getRowCount(); r++) {
                        actual.add(render(back.getVector("tags"), r, stream) + " | "
                                + render(back.getVector("place"), r, stream));
                    }
                }
            }
            assertEquals(expected.size(), actual.size());
            for (int r = 0; r < rows; r++) {
                assertEquals(expected.get(r), actual.get(r), "row " + r);
            }
        }
    }

    /** A slot rendered with dictionary keys replaced by the values they stand for. */
    private static String render(FieldVector v, int i, DictionaryProvider dictionaries) {
        if (v.isNull(i)) {
            return "null";
        }
        return switch (v) {
            case ListVector l -> {
                List<String> items = new ArrayList<>();
                int start = l.getOffsetBuffer().getInt((long) i * 4);
                int end = l.getOffsetBuffer().getInt((long) (i + 1) * 4);
                for (int k = start; k < end; k++) {
                    items.add(render(l.getDataVector(), k, dictionaries));
                }
                yield items.toString();
            }
            case StructVector s -> {
                List<String> parts = new ArrayList<>();
                for (FieldVector c : s.getChildrenFromFields()) {
                    parts.add(c.getName() + ":" + render(c, i, dictionaries));
                }
                yield parts.toString();
            }
            default -> {
                DictionaryEncoding enc = v.getField().getDictionary();
                if (enc == null) {
                    yield String.valueOf(v.getObject(i));
                }
                FieldVector values = dictionaries.lookup(enc.getId()).getVector();
                int key = (int) ((BaseIntVector) v).getValueAsLong(i);
                yield values.isNull(key) ? "null" : "'" + values.getObject(key) + "'";
            }
        };
    }
}
