package a1.cli;

import a1.cli.options.ModelOptions;
import a1.cli.options.NetworkOptions;
import a1.cli.options.SamplingOptions;
import a1.cli.options.StoreOption;
import a1.peer.forward.Session;
import a1.peer.generate.Generator;
import a1.peer.sampling.Sampler;
import a1.peer.tokenizer.TextDecoder;
import a1.peer.tokenizer.Tokenizer;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code a1 generate}: streams a continuation of the prompt to stdout; speeds (and the swarm chain) go to stderr. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Generate text from a prompt. Only the continuation goes to stdout; prefill and decode speed go to stderr.",
                "With a model id the layers run on the swarm, and the chain used (peer, layers, time per hop) goes to stderr."})
final class GenerateCommand implements Callable<Integer> {
    @Mixin
    ModelOptions model;

    @Option(names = {"-p", "--prompt"}, required = true, description = "The prompt text.")
    String prompt;

    @Option(names = "-n", paramLabel = "N", defaultValue = "128", description = "Tokens to generate (default: ${DEFAULT-VALUE}).")
    int tokens;

    @Mixin
    SamplingOptions sampling;

    @Mixin
    NetworkOptions network;

    @Mixin
    StoreOption store;

    @Mixin
    ThreadsOption threads;

    @Override
    public Integer call() throws Exception {
        if (tokens < 0) throw new IllegalArgumentException("-n must be >= 0");
        Sampler sampler = sampling.sampler();
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        try (OpenModel m = model.open(network, store, threads.get()); Session session = m.newSession()) {
            Tokenizer tok = Tokenizer.fromGguf(m.metadata());
            int[] ids = tok.encode(prompt, true, true);
            TextDecoder text = tok.streamDecoder();
            Generator.Result r = Generator.generate(session, ids, tokens, sampler, tok::isEndOfGeneration, t -> {
                out.print(text.next(t));
                out.flush();
            });
            out.print(text.flush());
            if (System.console() != null) out.println(); // keep the shell prompt off the text; pipes get the text alone
            out.flush();
            OpenModel.printChain(session, System.err);
            System.err.printf("prefill: %d tokens, %.1f tok/s; decode: %d tokens, %.1f tok/s%n",
                    r.promptTokens(), r.prefillTokensPerSecond(), r.tokens().length, r.decodeTokensPerSecond());
        }
        return ExitCodes.OK;
    }
}
