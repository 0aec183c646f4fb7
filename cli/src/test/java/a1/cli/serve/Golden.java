package a1.cli.serve;

import a1.spec.testdata.SharedData;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** llama.cpp's greedy outputs for stories260K-f32 (../shared/golden/stories260K-f32.json). */
record Golden(String prompt, int[] promptIds, int[] generatedIds, String text) {
    static List<Golden> f32() {
        try {
            JsonNode root = TestServer.JSON.readTree(SharedData.golden("stories260K-f32.json").toFile());
            List<Golden> out = new ArrayList<>();
            for (JsonNode p : root.get("prompts")) {
                out.add(new Golden(p.get("prompt").asText(), ints(p.get("prompt_ids")), ints(p.get("generated_ids")), p.get("text").asText()));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int[] ints(JsonNode a) {
        int[] v = new int[a.size()];
        for (int i = 0; i < v.length; i++) v[i] = a.get(i).asInt();
        return v;
    }
}
