package a1.cli;

import a1.cli.options.SamplingOptions;
import a1.peer.LocalModel;
import a1.peer.forward.Session;
import a1.peer.generate.Generator;
import a1.peer.kv.KvType;
import a1.peer.routing.SwarmClient;
import a1.peer.routing.SwarmSession;
import a1.spec.gguf.GgufMetadata;
import a1.spec.wire.CacheType;
import a1.spec.wire.Encoding;
import java.util.List;
import a1.peer.sampling.Sampler;
import a1.peer.tokenizer.TextDecoder;
import a1.peer.tokenizer.Tokenizer;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code a1 generate}: streams a continuation of the prompt to stdout; speeds go to stderr. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate text from a prompt. Only the continuation goes to stdout; prefill and decode speed go to stderr.")
final class GenerateCommand implements Callable<Integer> {
    @Option(names = {"-m", "--model"}, required = true, paramLabel = "FILE.gguf", description = "The model: a GGUF file.")
    Path model;

    @Option(names = {"-p", "--prompt"}, required = true, description = "The prompt text.")
    String prompt;

    @Option(names = "-n", paramLabel = "N", defaultValue = "128", description = "Tokens to generate (default: ${DEFAULT-VALUE}).")
    int tokens;

    @Mixin
    SamplingOptions sampling;

    @Option(names = "--ctx", defaultValue = "2048", description = "Context length in tokens (default: ${DEFAULT-VALUE}, capped by the model's).")
    int ctx;

    @Option(names = "--kv-type", defaultValue = "f16", description = "KV cache precision: f16 (llama.cpp's default) or f32 (default: ${DEFAULT-VALUE}).")
    String kvType;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", description = "Run the layers on the swarm of peers this one belongs to; only the embedding and output head run here.")
    String bootstrap;

    @Mixin
    ThreadsOption threads;

    @Override
    public Integer call() throws Exception {
        if (tokens < 0) throw new IllegalArgumentException("-n must be >= 0");
        Sampler sampler = sampling.sampler();
        KvType kv = KvType.parse(kvType);
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        if (bootstrap != null) {
            try (SwarmClient c = SwarmClient.join(model, List.of(PeerCommand.parseAddress(bootstrap)), threads.get());
                 SwarmSession session = c.newSession(ctx, kv == KvType.F16 ? CacheType.F16 : CacheType.F32, Encoding.F32)) {
                generate(session, c.gguf().metadata(), sampler, out);
                for (SwarmSession.HopStats h : session.chain()) {
                    System.err.printf("hop: peer %s layers %s, %d calls, %.2f ms per call%n", h.peerId().substring(0, 8), h.layers(), h.calls(), h.nanos() / 1e6 / Math.max(1, h.calls()));
                }
                if (session.failovers() > 0) System.err.printf("failovers: %d%n", session.failovers());
            }
            return ExitCodes.OK;
        }
        try (LocalModel m = ModelLoader.open(model, threads.get()); Session session = m.newSession(ctx, kv)) {
            generate(session, m.gguf().metadata(), sampler, out);
        }
        return ExitCodes.OK;
    }

    private void generate(Session session, GgufMetadata metadata, Sampler sampler, PrintStream out) {
        Tokenizer tok = Tokenizer.fromGguf(metadata);
        int[] ids = tok.encode(prompt, true, true);
        TextDecoder text = tok.streamDecoder();
        Generator.Result r = Generator.generate(session, ids, tokens, sampler, tok::isEndOfGeneration, t -> {
            out.print(text.next(t));
            out.flush();
        });
        out.print(text.flush());
        if (System.console() != null) out.println(); // keep the shell prompt off the text; pipes get the text alone
        out.flush();
        System.err.printf("prefill: %d tokens, %.1f tok/s; decode: %d tokens, %.1f tok/s%n",
                r.promptTokens(), r.prefillTokensPerSecond(), r.tokens().length, r.decodeTokensPerSecond());
    }
}
