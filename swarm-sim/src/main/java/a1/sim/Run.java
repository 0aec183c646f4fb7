package a1.sim;

/**
 * One swarm run, printed: for profiling the simulator and trying a setting before it joins the sweep.
 * Usage: {@code Run PEERS MEDIAN-SESSION-S SECONDS [SAMPLE [SEED]]} (median session 0: no churn).
 */
public final class Run {
    private Run() {}

    public static void main(String[] args) {
        if (args.length < 3 || args.length > 5) throw new IllegalArgumentException("usage: Run PEERS MEDIAN-SESSION-S SECONDS [SAMPLE [SEED]]");
        SimParams p = SimParams.defaults(Integer.parseInt(args[0]), Double.parseDouble(args[1]), Integer.parseInt(args[2]), args.length > 4 ? Long.parseLong(args[4]) : 1);
        if (args.length > 3) p = p.withSample(Integer.parseInt(args[3]));
        System.out.println(Simulation.run(p, false));
    }
}
