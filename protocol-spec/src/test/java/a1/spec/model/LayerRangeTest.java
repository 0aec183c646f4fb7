package a1.spec.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LayerRangeTest {
    @Test
    void fiveLayersInThreeGiveTheLargerRangesFirst() {
        assertEquals(List.of(new LayerRange(0, 2), new LayerRange(2, 4), new LayerRange(4, 5)), LayerRange.split(5, 3));
    }

    @Test
    void everySplitIsContiguousCoversAllLayersAndDiffersByAtMostOne() {
        for (int layers = 1; layers <= 40; layers++) {
            for (int parts = 1; parts <= layers; parts++) {
                List<LayerRange> r = LayerRange.split(layers, parts);
                assertEquals(parts, r.size());
                assertEquals(0, r.getFirst().start());
                assertEquals(layers, r.getLast().end());
                for (int i = 1; i < parts; i++) assertEquals(r.get(i - 1).end(), r.get(i).start());
                int min = r.stream().mapToInt(LayerRange::size).min().orElseThrow(), max = r.stream().mapToInt(LayerRange::size).max().orElseThrow();
                assertTrue(min >= 1 && max - min <= 1, layers + " in " + parts + ": " + r);
            }
        }
    }

    @Test
    void moreRangesThanLayersOrNoneAreRefused() {
        assertEquals("cannot split 5 layers into 6 ranges", assertThrows(IllegalArgumentException.class, () -> LayerRange.split(5, 6)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> LayerRange.split(5, 0));
    }

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
