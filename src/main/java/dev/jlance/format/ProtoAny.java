package dev.jlance.format;

import com.google.protobuf.Any;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors;
import com.google.protobuf.Message;
import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Wraps encoding messages the way Lance stores them: a {@code google.protobuf.Any} whose type URL
 * is {@code "/" + full message name} (what Lance's Rust writer emits). The Any is written in one
 * pass: {@code Any.value} is a bytes field, which on the wire is exactly the message embedded as
 * field 2, so the message is not serialized into a buffer of its own first (an FSST page's
 * encoding carries a 2 KB table).
 */
final class ProtoAny {

    private ProtoAny() {
    }

    /** Type URLs by message type, made once: a file asks for one per page. */
    private static final ConcurrentHashMap<Descriptors.Descriptor, String> TYPE_URLS = new ConcurrentHashMap<>();

    /** The type URL Lance's writer gives {@code message}. */
    static String typeUrl(Message message) {
        return TYPE_URLS.computeIfAbsent(message.getDescriptorForType(), d -> "/" + d.getFullName());
    }

    /** Bytes of {@code Any(message)} with {@code typeUrl}. */
    static int packedSize(String typeUrl, Message message) {
        // proto3 leaves an empty value out
        int valueSize = message.getSerializedSize();
        return CodedOutputStream.computeStringSize(Any.TYPE_URL_FIELD_NUMBER, typeUrl)
                + (valueSize > 0 ? CodedOutputStream.computeMessageSize(Any.VALUE_FIELD_NUMBER, message) : 0);
    }

    /** Writes the fields of {@code Any(message)} with {@code typeUrl} ({@link #packedSize} bytes). */
    static void writePacked(CodedOutputStream stream, String typeUrl, Message message) throws IOException {
        stream.writeString(Any.TYPE_URL_FIELD_NUMBER, typeUrl);
        if (message.getSerializedSize() > 0) {
            stream.writeMessage(Any.VALUE_FIELD_NUMBER, message);
        }
    }
}
