package dev.jlance.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EncodingOptionsTest {

    @Test
    void defaultsMatchOfficialLance() {
        EncodingOptions o = EncodingOptions.defaults();
        assertEquals(8L * 1024 * 1024, o.cacheBytesPerColumn());
        assertEquals(32L * 1024 * 1024, o.maxPageBytes());
        assertEquals(64, o.bufferAlignment());
        assertFalse(o.keepOriginalArray(), "pending data is copied unless the caller opts in");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 4, 7, 12, 48, 100, -64})
    void alignmentMustBeAPowerOfTwoOfAtLeastEight(int alignment) {
        var e = assertThrows(IllegalArgumentException.class, () -> EncodingOptions.defaults().withBufferAlignment(alignment));
        assertEquals(true, e.getMessage().contains("power of two"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 16, 64, 4096})
    void validAlignments(int alignment) {
        assertEquals(alignment, EncodingOptions.defaults().withBufferAlignment(alignment).bufferAlignment());
    }
}
