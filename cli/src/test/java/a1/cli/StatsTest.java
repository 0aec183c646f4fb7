package a1.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StatsTest {
    @Test
    void medianOfAnOddCountIsTheMiddleValue() {
        assertEquals(0.9, Stats.median(new double[] {1.2, 0.9, 0.5}));
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertEquals(1.0, Stats.median(new double[] {2.0, 0.5, 1.5, 0.5}));
    }

    @Test
    void medianLeavesItsInputInOrder() {
        double[] v = {3, 1, 2};
        Stats.median(v);
        assertEquals(3, v[0]);
    }

    @Test
    void meanAndSampleDeviation() {
        double[] v = {2, 4, 4, 4, 5, 5, 7, 9};
        assertEquals(5, Stats.mean(v));
        assertEquals(Math.sqrt(32.0 / 7), Stats.sd(v), 1e-12);
        assertEquals(0, Stats.sd(new double[] {3}));
    }
}
