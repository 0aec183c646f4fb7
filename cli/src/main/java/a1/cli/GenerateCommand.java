package a1.cli;

import a1.cli.options.ModelOptions;
import a1.cli.options.SamplingOptions;
import a1.peer.forward.Session;
import a1.peer.generate.Generator;
import a1.peer.routing.SwarmSession;
import a1.peer.sampling.Sampler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    @Option(names = "--json", description = "For scripts: no streaming; one JSON object on stdout (text, token counts, speeds, and the chain on the swarm).")
    boolean json;


    @Override
    public Integer call() throws Exception {
        if (tokens < 0) throw new IllegalArgumentException("-n must be >= 0");
        Sampler sampler = sampling.sampler();
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        try (OpenModel m = model.open(); Session session = m.newSession()) {
            Tokenizer tok = Tokenizer.fromGguf(m.metadata());
            int[] ids = tok.encode(prompt, true, true);
            TextDecoder text = tok.streamDecoder();
            StringBuilder all = new StringBuilder();
            Generator.Result r = Generator.generate(session, ids, tokens, sampler, tok::isEndOfGeneration, t -> {
                String piece = text.next(t);
                all.append(piece);
                if (json) return;
                out.print(piece);
                out.flush();
            });
            String tail = text.flush();
            all.append(tail);
            if (json) {
                out.println(json(all.toString(), r, session));
                return ExitCodes.OK;
            }
            out.print(tail);
            if (System.console() != null) out.println(); // keep the shell prompt off the text; pipes get the text alone
            out.flush();
            OpenModel.printChain(session, System.err);
            if (r.contextFull()) System.err.printf("stopped after %d tokens: the context of %d tokens is full (--ctx)%n", r.tokens().length, session.capacity());
            System.err.printf("prefill: %d tokens, %.1f tok/s; decode: %d tokens, %.1f tok/s%n",
                    r.promptTokens(), r.prefillTokensPerSecond(), r.tokens().length, r.decodeTokensPerSecond());
        }
        return ExitCodes.OK;
    }

    private static String json(String text, Generator.Result r, Session session) throws Exception {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode().put("text", text).put("prompt_tokens", r.promptTokens()).put("completion_tokens", r.tokens().length)
                .put("prefill_tokens_per_second", r.prefillTokensPerSecond()).put("decode_tokens_per_second", r.decodeTokensPerSecond());
        if (session instanceof SwarmSession s) {
            ArrayNode chain = root.putArray("chain");
            for (SwarmSession.HopStats h : s.chain()) {
                chain.addObject().put("peer", h.peerId()).put("layers", h.layers().toString()).put("calls", h.calls())
                        .put("ms_per_call", h.nanos() / 1e6 / Math.max(1, h.calls()));
            }
            root.put("failovers", s.failovers());
        }
        return m.writeValueAsString(root);
    }
}
