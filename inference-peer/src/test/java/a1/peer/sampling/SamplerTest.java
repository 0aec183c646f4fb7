package a1.peer.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Greedy picks, seeded draws, and OpenAI's presence and frequency penalties on what the sampler already picked. */
class SamplerTest {
    @Test
    void greedyTakesTheLargestLogitAndTiesGoToTheLowestId() {
        assertEquals(2, Sampler.greedy().sample(new float[] {0f, 1f, 3f, 3f}));
    }

    @Test
    void theSameSeedDrawsTheSameTokens() {
        float[] logits = {0.5f, 0.4f, 0.3f, 0.2f, 0.1f};
        Sampler a = new Sampler(1f, 0, 1f, 7), b = new Sampler(1f, 0, 1f, 7);
        for (int i = 0; i < 50; i++) assertEquals(a.sample(logits), b.sample(logits));
    }

    /** {@code n} tokens sampled in turn from the same logits. */
    private static int[] picks(Sampler s, float[] logits, int n) {
        int[] got = new int[n];
        for (int i = 0; i < n; i++) got[i] = s.sample(logits);
        return got;
    }

    @Test
    void aFrequencyPenaltyLowersATokenOncePerTimeItWasPicked() {
        int[] got = picks(new Sampler(0f, 0, 1f, 0f, 0.4f, 0), new float[] {2f, 1f, 0f}, 6);
        // Penalized logits before each pick: {2,1,0} -> 0; {1.6,1,0} -> 0; {1.2,1,0} -> 0; {0.8,1,0} -> 1;
        // {0.8,0.6,0} -> 0; {0.4,0.6,0} -> 1.
        assertArrayEquals(new int[] {0, 0, 0, 1, 0, 1}, got);
    }

    @Test
    void aPresencePenaltyLowersEveryPickedTokenOnceWhateverTheCount() {
        int[] got = picks(new Sampler(0f, 0, 1f, 0.5f, 0f, 0), new float[] {2f, 1.6f, 1.2f}, 5);
        // {2,1.6,1.2} -> 0; {1.5,1.6,1.2} -> 1; {1.5,1.1,1.2} -> 0; the same again -> 0, 0.
        assertArrayEquals(new int[] {0, 1, 0, 0, 0}, got);
    }

    @Test
    void aNegativePenaltyFavoursWhatWasPickedAndTheCallersLogitsStayAsTheyWere() {
        Sampler s = new Sampler(0f, 0, 1f, -1f, 0f, 0);
        float[] logits = {1f, 1.5f};
        assertEquals(1, s.sample(logits));
        logits[0] = 2f; // 2 against 1.5 + 1: the picked token stays ahead
        assertEquals(1, s.sample(logits));
        assertArrayEquals(new float[] {2f, 1.5f}, logits);
    }

    @Test
    void penaltiesOutsideOpenAisRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Sampler(0f, 0, 1f, 2.5f, 0f, 0));
        assertThrows(IllegalArgumentException.class, () -> new Sampler(0f, 0, 1f, 0f, Float.NaN, 0));
    }
}
