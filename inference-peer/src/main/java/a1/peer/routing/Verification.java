package a1.peer.routing;

/**
 * How a client checks the activations peers return (SPEC.md 10.10). Each forward call of a hop, and always its first
 * (the prompt), is re-run with probability {@code probability} by an auditor: another peer serving those layers, or
 * this client itself when {@code local} is set and it holds the model file. Honest A1 peers compute bit-identical
 * activations from identical inputs, so results are compared exactly.
 *
 * @param probability per forward call, in [0, 1]; 0 turns auditing off (the free NaN/Inf check still runs)
 * @param local       this client may run layers from its own copy of the model to audit or to judge a dispute
 */
public record Verification(double probability, boolean local) {
    /** What {@link SwarmClient#join} uses: a twentieth of the calls, and each hop's first. */
    public static final Verification DEFAULT = new Verification(0.05, false);
    public static final Verification OFF = new Verification(0, false);

    public Verification {
        if (!(probability >= 0 && probability <= 1)) throw new IllegalArgumentException("audit probability must be in [0, 1], not " + probability);
    }

    boolean enabled() {
        return probability > 0;
    }
}
