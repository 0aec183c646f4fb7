package a1.cli.options;

import a1.cli.OpenModel;
import a1.cli.ThreadsOption;
import java.io.IOException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --model --swarm --ctx --kv-type}: which model a generating command runs, and the size and precision of its
 * sequences. A GGUF file runs whole in this process (or, with --swarm, on the peers serving the same file); a model
 * id runs on the swarm (see {@link OpenModel}), which is why the network, store and thread options come with it.
 */
public final class ModelOptions {
    @Option(names = {"-m", "--model"}, required = true, paramLabel = "FILE.gguf|MODEL-ID",
            description = {"The model: a GGUF file, run whole in this process;",
                    "or a published model id (64 hex digits), run on the swarm of peers that serve it, found through --bootstrap:",
                    "this process fetches and verifies only the tokenizer, embedding and output head shards."})
    String model;

    @Option(names = "--swarm", description = {"With a GGUF file: run its layers on the peers that serve the same file (a1 peer --model FILE.gguf),",
            "found through --bootstrap; this process runs only the embedding and output head."})
    boolean swarm;

    @Option(names = "--swarm-port", defaultValue = "0",
            description = "On the swarm: UDP (DHT) and TCP (BitTorrent) port of this client; 0 picks free ones (default: ${DEFAULT-VALUE}).")
    int swarmPort;

    @Option(names = "--ctx", defaultValue = "2048", description = "Context length in tokens, prompt and completion (default: ${DEFAULT-VALUE}, capped by the model's).")
    int ctx;

    @Option(names = "--kv-type", defaultValue = "f16", description = "KV cache precision: f16 (llama.cpp's default) or f32 (default: ${DEFAULT-VALUE}).")
    String kvType;

    @Mixin
    NetworkOptions network;

    @Mixin
    StoreOption store;

    @Mixin
    ThreadsOption threads;

    public OpenModel open() throws IOException {
        return OpenModel.open(model, swarm, swarmPort, ctx, a1.peer.kv.KvType.parse(kvType), network, store, threads.get());
    }
}
