package a1.cli;

import a1.peer.model.SyntheticModel;
import a1.spec.gguf.GgmlType;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code a1 synth}: a Llama-shaped GGUF with random weights, for benchmarks that need a model larger than the caches. */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = "Write a Llama-shaped GGUF model with random weights (for benchmarks; llama.cpp runs it too).")
final class SynthCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "FILE.gguf", description = "Where to write the model.")
    Path out;

    @Option(names = "--type", defaultValue = "Q8_0", description = "Weight type: F32, F16, BF16, Q8_0, Q4_0, Q4_1, Q5_0, Q4_K, Q5_K, Q6_K (default: ${DEFAULT-VALUE}).")
    String type;

    @Option(names = "--vocab-from", required = true, paramLabel = "FILE.gguf", description = "A GGUF whose tokenizer the model takes (sets the vocabulary size).")
    Path vocabFrom;

    @Option(names = "--dim", defaultValue = "4096", description = "Embedding size (default: ${DEFAULT-VALUE}).")
    int dim;

    @Option(names = "--layers", defaultValue = "5", description = "Transformer blocks (default: ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--heads", defaultValue = "32", description = "Attention heads (default: ${DEFAULT-VALUE}).")
    int heads;

    @Option(names = "--kv-heads", defaultValue = "8", description = "Key/value heads (default: ${DEFAULT-VALUE}).")
    int kvHeads;

    @Option(names = "--ffn", defaultValue = "11008", description = "Feed-forward size (default: ${DEFAULT-VALUE}).")
    int ffn;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        GgmlType t;
        try {
            t = GgmlType.valueOf(type.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown --type " + type);
        }
        SyntheticModel model = new SyntheticModel(dim, layers, heads, kvHeads, ffn, t, seed, vocabFrom);
        long bytes = model.weightBytes();
        java.nio.file.Path dir = out.toAbsolutePath().getParent();
        if (!java.nio.file.Files.isDirectory(dir)) throw new java.nio.file.NoSuchFileException(dir.toString());
        long free = java.nio.file.Files.getFileStore(dir).getUsableSpace();
        if (bytes > free) throw new IllegalArgumentException(String.format("the model would take %.2f GB; %s has %.2f GB free", bytes / 1e9, dir, free / 1e9));
        try {
            model.write(out);
        } catch (OutOfMemoryError e) { // the tensors are built in memory before the file is written
            throw new IllegalStateException(String.format("not enough memory to build a model of %.2f GB (%s)", bytes / 1e9, e.getMessage()));
        }
        System.err.printf("wrote %s (%s, %.2f GB of weights)%n", out, t, java.nio.file.Files.size(out) / 1e9);
        return ExitCodes.OK;
    }
}
