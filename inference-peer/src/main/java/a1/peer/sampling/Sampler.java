package a1.peer.sampling;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Picks the next token from logits: greedy (temperature 0, ties to the lowest id, as llama.cpp), or top-k, then
 * top-p, then temperature, then a draw from a seeded generator so that a seed reproduces a run. With presence or
 * frequency penalties (OpenAI's), each token this sampler has already picked first has its logit lowered by the
 * presence penalty once and the frequency penalty per time it was picked; the caller's logits are not changed.
 */
public final class Sampler {
    /** The range OpenAI accepts for either penalty. */
    public static final float MAX_PENALTY = 2f;

    private final float temperature;
    private final int topK;
    private final float topP;
    private final float presencePenalty;
    private final float frequencyPenalty;
    private final SplittableRandom random;
    /** How often each token was picked, kept only when a penalty is set. */
    private final Map<Integer, Integer> picked = new HashMap<>();

    public Sampler(float temperature, int topK, float topP, long seed) {
        this(temperature, topK, topP, 0f, 0f, seed);
    }

    public Sampler(float temperature, int topK, float topP, float presencePenalty, float frequencyPenalty, long seed) {
        if (!(temperature >= 0)) throw new IllegalArgumentException("temperature must be >= 0");
        if (topK < 0) throw new IllegalArgumentException("top-k must be >= 0 (0 = off)");
        if (!(topP > 0 && topP <= 1)) throw new IllegalArgumentException("top-p must be in (0, 1]");
        if (!(Math.abs(presencePenalty) <= MAX_PENALTY)) throw new IllegalArgumentException("presence penalty must be between -2 and 2");
        if (!(Math.abs(frequencyPenalty) <= MAX_PENALTY)) throw new IllegalArgumentException("frequency penalty must be between -2 and 2");
        this.temperature = temperature;
        this.topK = topK;
        this.topP = topP;
        this.presencePenalty = presencePenalty;
        this.frequencyPenalty = frequencyPenalty;
        this.random = new SplittableRandom(seed);
    }

    public static Sampler greedy() {
        return new Sampler(0f, 0, 1f, 0);
    }

    public boolean isGreedy() {
        return temperature == 0f;
    }

    public int sample(float[] logits) {
        if (presencePenalty == 0f && frequencyPenalty == 0f) return pick(logits);
        float[] penalized = logits.clone();
        picked.forEach((token, times) -> penalized[token] -= presencePenalty + times * frequencyPenalty);
        int token = pick(penalized);
        picked.merge(token, 1, Integer::sum);
        return token;
    }

    private int pick(float[] logits) {
        if (isGreedy()) return argmax(logits);
        Integer[] order = new Integer[logits.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> logits[a] != logits[b] ? Float.compare(logits[b], logits[a]) : Integer.compare(a, b));
        int keep = topK > 0 ? Math.min(topK, order.length) : order.length;
        double max = logits[order[0]];
        double[] p = new double[keep];
        double sum = 0;
        for (int i = 0; i < keep; i++) {
            p[i] = Math.exp((logits[order[i]] - max) / temperature);
            sum += p[i];
        }
        // top-p on the temperature-scaled distribution: the smallest prefix whose mass reaches topP.
        double cum = 0;
        int cut = keep;
        for (int i = 0; i < keep; i++) {
            cum += p[i] / sum;
            if (cum >= topP) {
                cut = i + 1;
                break;
            }
        }
        double total = 0;
        for (int i = 0; i < cut; i++) total += p[i];
        double r = random.nextDouble() * total;
        for (int i = 0; i < cut; i++) {
            r -= p[i];
            if (r < 0) return order[i];
        }
        return order[cut - 1];
    }

    /** Index of the largest logit; ties go to the lowest index. */
    public static int argmax(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) if (logits[i] > logits[best]) best = i;
        return best;
    }
}
