package a1.cli;

import picocli.CommandLine.Option;

/** {@code --threads}: how many cores the kernels use. Shared by every command that computes. */
public final class ThreadsOption {
    @Option(names = {"-t", "--threads"}, paramLabel = "T", description = "CPU threads for the kernels (default: all ${sys:a1.cores} cores).")
    Integer threads;

    static {
        System.setProperty("a1.cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
    }

    public int get() {
        return checked(threads == null ? Runtime.getRuntime().availableProcessors() : threads);
    }

    /** {@code t}, if it is a thread count the kernels take. */
    static int checked(int t) {
        if (t < 1 || t > 1024) throw new IllegalArgumentException("--threads must be between 1 and 1024, not " + t);
        return t;
    }
}
