package a1.cli.options;

import a1.peer.sampling.Sampler;
import picocli.CommandLine.Option;

/** {@code --temperature --top-k --top-p --seed}: how every generating command picks tokens. */
public final class SamplingOptions {
    @Option(names = "--temperature", defaultValue = "0.8", description = "Sampling temperature; 0 is greedy (default: ${DEFAULT-VALUE}).")
    float temperature;

    @Option(names = "--top-k", defaultValue = "40", description = "Keep the K most likely tokens; 0 keeps all (default: ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--top-p", defaultValue = "0.95", description = "Keep the smallest set of tokens whose probability reaches P (default: ${DEFAULT-VALUE}).")
    float topP;

    @Option(names = "--seed", description = "Random seed, for reproducible sampling (default: a new one each run).")
    Long seed;

    public Sampler sampler() {
        return new Sampler(temperature, topK, topP, seed != null ? seed : System.nanoTime());
    }
}
