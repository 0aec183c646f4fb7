package a1.cli.serve;

import a1.cli.ExitCodes;
import a1.cli.OpenModel;
import a1.cli.options.ModelOptions;
import a1.peer.chat.ChatTemplate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code a1 serve}: the OpenAI-compatible HTTP API over a local model, like llama-server. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve a model over an OpenAI-compatible HTTP API: /v1/models, /v1/completions, /v1/chat/completions (stream or not).",
                "Requests run one at a time in arrival order; up to --queue wait. Stop with Ctrl-C."})
public final class ServeCommand implements Callable<Integer> {
    @Mixin
    ModelOptions model;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 exposes the server to the network).")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "TCP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--chat-template", paramLabel = "NAME", description = "Chat template for /v1/chat/completions: chatml, llama2, llama2-sys, llama2-sys-bos, llama2-sys-strip, llama3, phi3, zephyr, generic (default: from the model's metadata).")
    String chatTemplate;

    @Option(names = "--max-body", defaultValue = "1048576", paramLabel = "BYTES", description = "Largest request body accepted; larger gets 413 (default: ${DEFAULT-VALUE}).")
    int maxBody;

    @Option(names = "--queue", defaultValue = "16", description = "Requests that may wait while one runs; more get 503 (default: ${DEFAULT-VALUE}).")
    int queue;


    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("--port must be 0-65535, not " + port);
        ApiServer.Limits limits = new ApiServer.Limits(maxBody, queue);
        ChatTemplate template = chatTemplate == null ? null : ChatTemplate.named(chatTemplate);
        OpenModel m = model.open();
        ApiServer server;
        try {
            server = ApiServer.start(new ModelBackend(m, template), host, port, limits);
        } catch (Exception e) {
            m.close();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        var a = server.address();
        String shown = a.getAddress().isAnyLocalAddress() ? host : a.getAddress().getHostAddress();
        if (shown.contains(":")) shown = "[" + shown + "]";
        System.err.printf("a1 serve: %s on http://%s:%d/v1 (chat template %s%s)%n", m.name(), shown, a.getPort(),
                (template != null ? template : ChatTemplate.of(m.metadata())).id(), m.onSwarm() ? ", layers on the swarm" : "");
        System.err.flush();
        server.awaitClose();
        return ExitCodes.OK;
    }
}
