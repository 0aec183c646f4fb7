package a1.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.spec.model.LayerRange;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayerSplitTest {
    @Test
    void fiveLayersInThreeGiveTheLargerRangesFirst() {
        assertEquals(List.of(new LayerRange(0, 2), new LayerRange(2, 4), new LayerRange(4, 5)), LayerSplit.of(5, 3));
    }

    @Test
    void everySplitIsContiguousCoversAllLayersAndDiffersByAtMostOne() {
        for (int layers = 1; layers <= 40; layers++) {
            for (int parts = 1; parts <= layers; parts++) {
                List<LayerRange> r = LayerSplit.of(layers, parts);
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
    void morePeersThanLayersOrNoPeersAreRefused() {
        assertEquals("--peers 6 is more than the model's 5 layers", assertThrows(IllegalArgumentException.class, () -> LayerSplit.of(5, 6)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> LayerSplit.of(5, 0));
    }
}
