package a1.cli.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.spec.testdata.SharedData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import a1.spec.model.LayerRange;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inference swarm through the real CLI, each command in its own JVM on loopback, every part found through one
 * DHT node: a peer started with only a model id chooses its range from the gossip and fetches just those layers'
 * shards; {@code a1 generate MODEL-ID} fetches only the tokenizer, embedding and head shards and generates
 * llama.cpp's greedy text through the peer, and so does {@code a1 serve MODEL-ID} over its HTTP API; a second peer of 3 layers fetches just its window; SIGTERM makes a peer
 * leave (no session cut), and {@code swarm status --watch} sees it go. Peers may also serve a local GGUF file, for
 * clients that have the same file ({@code generate --model FILE.gguf --swarm}).
 */
class SwarmCliIT {
    private static final String MODEL = "stories260K-f32.gguf";
    private static final Pattern SERVING = Pattern.compile("peer (\\p{XDigit}{8}) serving layers (\\S+) of ");

    @TempDir
    Path tmp;

    @Test
    void modelIdPeersAndClientsFetchOnlyTheShardsTheyRun() throws Exception {
        Path key = tmp.resolve("publisher.key");
        assertEquals(0, CliProcess.run(60, "keygen", "--out", key.toString()).exitCode());
        CliProcess.Finished pub = CliProcess.run(120, "publish", SharedData.model(MODEL).toString(), "--key", key.toString(), "--out", tmp.resolve("pub").toString());
        assertEquals(0, pub.exitCode(), pub.lines().toString());
        String id = pub.last();

        // The same command on the local file, for scripts: one JSON object with llama.cpp's text.
        CliProcess.Output local = CliProcess.runApart(120, Files.createDirectories(tmp.resolve("local")), "generate", "--model", SharedData.model(MODEL).toString(),
                "-p", "Once upon a time", "-n", "64", "--temperature", "0", "-t", "1", "--json");
        assertEquals(0, local.exitCode(), local.err());
        JsonNode row = new ObjectMapper().readTree(local.out());
        assertEquals(goldenText(), row.get("text").asText());
        assertEquals(64, row.get("completion_tokens").asInt());

        List<CliProcess> processes = new ArrayList<>();
        try {
            CliProcess dht = start(processes, "dht", "--bind", "127.0.0.1", "--port", "0");
            String bootstrap = dht.await(l -> l.contains("listening on "), 60).replaceFirst(".*listening on ", "");
            start(processes, "seed", tmp.resolve("pub").toString(), "--bind", "127.0.0.1", "--bootstrap", bootstrap).await(l -> l.startsWith("seeding " + id), 90);

            // A peer with no --layers and nobody else in the swarm takes every layer, fetching only layer shards.
            CliProcess a = start(processes, peer(id, bootstrap, "a"));
            assertTrue(a.await(l -> l.startsWith("fetched layers "), 120).startsWith("fetched layers 0-4: 6 shards verified"), a.seen().toString());
            Matcher serving = SERVING.matcher(a.await(l -> SERVING.matcher(l).find(), 60));
            assertTrue(serving.find());
            String peerA = serving.group(1);
            assertEquals("0-4", serving.group(2));
            assertEquals(Set.of("metadata.bin", "layer-000.bin", "layer-001.bin", "layer-002.bin", "layer-003.bin", "layer-004.bin"), shardFiles(tmp.resolve("a"), id));

            // The client holds no layer: only the metadata, embedding and head shards, and the text is llama.cpp's.
            Path gen = Files.createDirectories(tmp.resolve("gen"));
            CliProcess.Output g = CliProcess.runApart(180, gen, "generate", "--model", id, "--bootstrap", bootstrap, "--bind", "127.0.0.1",
                    "--store", tmp.resolve("client").toString(), "-p", "Once upon a time", "-n", "64", "--temperature", "0", "-t", "1");
            assertEquals(0, g.exitCode(), g.err());
            assertEquals(goldenText(), g.out(), g.err());
            assertTrue(g.err().contains("hop: peer " + peerA + " layers 0-4, "), g.err());
            assertEquals(Set.of("metadata.bin", "embedding.bin", "head.bin"), shardFiles(tmp.resolve("client"), id));

            // The OpenAI-compatible server on the same shard-only client: llama.cpp's text again, through the peer.
            CliProcess serve = start(processes, "serve", "--model", id, "--bootstrap", bootstrap, "--bind", "127.0.0.1",
                    "--store", tmp.resolve("client").toString(), "--port", "0", "-t", "1");
            Matcher url = Pattern.compile("http://127\\.0\\.0\\.1:\\d+/v1").matcher(serve.await(l -> l.contains("http://127.0.0.1:"), 120));
            assertTrue(url.find());
            String body = new ObjectMapper().writeValueAsString(java.util.Map.of("prompt", "Once upon a time", "max_tokens", 64, "temperature", 0));
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url.group() + "/completions"))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(goldenText(), new ObjectMapper().readTree(r.body()).at("/choices/0/text").asText());

            // A second peer of at most 3 layers takes the weakest window and fetches only its layers' shards.
            CliProcess b = start(processes, peer(id, bootstrap, "b", "--max-layers", "3"));
            Matcher bServing = SERVING.matcher(b.await(l -> SERVING.matcher(l).find(), 120));
            assertTrue(bServing.find());
            LayerRange bRange = LayerRange.parse(bServing.group(2));
            assertEquals(3, bRange.size());
            Set<String> bShards = new HashSet<>(Set.of("metadata.bin"));
            for (int l = bRange.start(); l < bRange.end(); l++) bShards.add(String.format("layer-%03d.bin", l));
            assertEquals(bShards, shardFiles(tmp.resolve("b"), id));

            // SIGTERM: peer A stops announcing and exits; the status watch stops listing it.
            int statusPort;
            try (java.net.DatagramSocket probe = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
                statusPort = probe.getLocalPort();
            }
            CliProcess watch = start(processes, "swarm", "status", "--model", id, "--bootstrap", bootstrap, "--bind", "127.0.0.1", "--port", Integer.toString(statusPort),
                    "--watch", "1", "--json");
            watch.await(l -> l.contains("\"id\":\"" + peerA), 90);
            assertThrows(java.net.BindException.class, () -> new java.net.DatagramSocket(statusPort, java.net.InetAddress.getLoopbackAddress()).close(),
                    "swarm status --port: its DHT node holds the given UDP port");
            int code = a.terminate(30);
            assertTrue(a.seen().stream().anyMatch(l -> l.contains("peer " + peerA + " left the swarm (no session cut)")), "exit code " + code + ": " + a.seen());
            watch.await(l -> l.startsWith("{") && !l.contains("\"id\":\"" + peerA), 30);
        } finally {
            for (CliProcess p : processes) p.close();
        }
    }

    @Test
    void peersOfALocalFileServeClientsThatHaveTheSameFile() throws Exception {
        String file = SharedData.model(MODEL).toString();
        List<CliProcess> processes = new ArrayList<>();
        try {
            CliProcess dht = start(processes, "dht", "--bind", "127.0.0.1", "--port", "0");
            String bootstrap = dht.await(l -> l.contains("listening on "), 60).replaceFirst(".*listening on ", "");
            CliProcess a = start(processes, "peer", "--model", file, "--layers", "0-2", "--bootstrap", bootstrap, "--bind", "127.0.0.1",
                    "--key", tmp.resolve("a.key").toString(), "-t", "1");
            CliProcess b = start(processes, "peer", "--model", file, "--layers", "3-4", "--bootstrap", bootstrap, "--bind", "127.0.0.1",
                    "--key", tmp.resolve("b.key").toString(), "-t", "1");
            Matcher sa = SERVING.matcher(a.await(l -> SERVING.matcher(l).find(), 60));
            Matcher sb = SERVING.matcher(b.await(l -> SERVING.matcher(l).find(), 60));
            assertTrue(sa.find() && sb.find());

            CliProcess.Output g = CliProcess.runApart(180, Files.createDirectories(tmp.resolve("gen")), "generate", "--model", file, "--swarm",
                    "--bootstrap", bootstrap, "--bind", "127.0.0.1", "-p", "Once upon a time", "-n", "64", "--temperature", "0", "-t", "1");
            assertEquals(0, g.exitCode(), g.err());
            assertEquals(goldenText(), g.out(), g.err());
            assertTrue(g.err().contains("hop: peer " + sa.group(1) + " layers 0-2, ") && g.err().contains("hop: peer " + sb.group(1) + " layers 3-4, "), g.err());
        } finally {
            for (CliProcess p : processes) p.close();
        }
    }

    private String[] peer(String id, String bootstrap, String name, String... more) {
        List<String> args = new ArrayList<>(List.of("peer", "--model", id, "--bootstrap", bootstrap, "--bind", "127.0.0.1",
                "--store", tmp.resolve(name).toString(), "--key", tmp.resolve(name + ".key").toString(), "-t", "1", "--drain", "5"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static String goldenText() throws Exception {
        return new ObjectMapper().readTree(SharedData.golden("stories260K-f32.json").toFile()).get("prompts").get(0).get("text").asText();
    }

    /** The shard files a model folder in a store holds. */
    private static Set<String> shardFiles(Path store, String id) throws Exception {
        try (Stream<Path> files = Files.list(store.resolve(id))) {
            return files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".bin")).collect(Collectors.toSet());
        }
    }

    private static CliProcess start(List<CliProcess> processes, String... args) throws Exception {
        CliProcess p = new CliProcess(args);
        processes.add(p);
        return p;
    }
}
