package a1.spec.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LayerRangeTest {
    @Test
    void inclusiveTextFormRoundTrips() {
        LayerRange r = LayerRange.parse("2-4");
        assertEquals(new LayerRange(2, 5), r);
        assertEquals(3, r.size());
        assertEquals("2-4", r.toString());
        assertEquals(r, LayerRange.parse(r.toString()));
        assertEquals(new LayerRange(7, 8), LayerRange.parse("7"));
    }

    @Test
    void membershipAndEnds() {
        LayerRange r = new LayerRange(0, 3);
        assertTrue(r.contains(0) && r.contains(2));
        assertFalse(r.contains(3));
        assertTrue(r.isFirst());
        assertTrue(r.isLast(3));
        assertFalse(r.within(2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a-b", "4-2", "-1-3", "1-", "1-2-3"})
    void rejectsMalformedText(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LayerRange.parse(text));
        assertTrue(e.getMessage().contains("layer range"), e.getMessage());
    }
}
