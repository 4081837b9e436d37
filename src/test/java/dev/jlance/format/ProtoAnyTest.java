package dev.jlance.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Message;
import dev.jlance.format.pb.Encodings21;
import dev.jlance.format.pb.Encodings21.CompressiveEncoding;
import dev.jlance.format.pb.File2Protos;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ProtoAnyTest {

    /** The Any message built field by field by the generated code: what the one-pass bytes must be. */
    static Any generatedAny(Message m) {
        return Any.newBuilder().setTypeUrl("/" + m.getDescriptorForType().getFullName()).setValue(m.toByteString())
                .build();
    }

    /** The one-pass bytes must be those of the Any message built field by field, and parse back to it. */
    @Test
    void packedBytesAreTheAnyMessagesBytes() throws Exception {
        byte[] table = new byte[2312];
        new Random(9).nextBytes(table);
        CompressiveEncoding fsst = CompressiveEncoding.newBuilder()
                .setFsst(Encodings21.Fsst.newBuilder().setSymbolTable(ByteString.copyFrom(table))
                        .setValues(CompressiveEncodings.variable(32)))
                .build();
        List<Message> messages = List.of(CompressiveEncodings.flat(16), CompressiveEncodings.variable(64), fsst,
                CompressiveEncoding.getDefaultInstance(), File2Protos.DirectEncoding.getDefaultInstance());
        for (Message m : messages) {
            Any expected = generatedAny(m);
            String typeUrl = ProtoAny.typeUrl(m);
            byte[] packed = new byte[ProtoAny.packedSize(typeUrl, m)];
            CodedOutputStream out = CodedOutputStream.newInstance(packed);
            ProtoAny.writePacked(out, typeUrl, m);
            out.checkNoSpaceLeft();
            assertArrayEquals(expected.toByteArray(), packed, m.getDescriptorForType().getFullName());
            assertEquals(expected, Any.parseFrom(packed));
        }
    }
}
