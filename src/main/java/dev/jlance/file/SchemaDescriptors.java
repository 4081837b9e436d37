package dev.jlance.file;

import com.google.protobuf.ByteString;
import dev.jlance.format.pb.FileProtos;
import dev.jlance.schema.LanceField;
import dev.jlance.schema.LanceSchema;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Builds global buffer 0, the {@code FileDescriptor}: the schema as Lance records it plus the row count. */
final class SchemaDescriptors {

    static final String EXTENSION_NAME_KEY = "ARROW:extension:name";
    static final String PRIMARY_KEY_KEY = "lance-schema:unenforced-primary-key";

    private SchemaDescriptors() {
    }

    static FileProtos.FileDescriptor fileDescriptor(LanceSchema schema, long rows) {
        FileProtos.Schema.Builder s = FileProtos.Schema.newBuilder();
        for (LanceField f : schema.preOrder()) {
            s.addFields(field(f));
        }
        putSorted(schema.metadata(), s::putMetadata);
        return FileProtos.FileDescriptor.newBuilder().setSchema(s).setLength(rows).build();
    }

    private static FileProtos.Field field(LanceField f) {
        FileProtos.Field.Builder b = FileProtos.Field.newBuilder()
                .setName(f.name())
                .setId(f.id())
                .setParentId(f.parentId())
                .setLogicalType(f.logicalType())
                .setNullable(f.nullable())
                .setEncodingValue(f.legacyEncoding());
        Map<String, String> meta = f.metadata();
        putSorted(meta, b::putMetadata);
        String ext = meta.get(EXTENSION_NAME_KEY);
        if (ext != null) {
            b.setExtensionName(ext);
        }
        String pk = meta.get(PRIMARY_KEY_KEY);
        if (pk != null && switch (pk.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            default -> false;
        }) {
            b.setUnenforcedPrimaryKey(true);
        }
        return b.build();
    }

    /** Map entries go in key order so the same schema always gives the same bytes. */
    private static void putSorted(Map<String, String> meta, java.util.function.BiConsumer<String, ByteString> put) {
        new TreeMap<>(meta).forEach((k, v) -> put.accept(k, ByteString.copyFrom(v, StandardCharsets.UTF_8)));
    }
}
