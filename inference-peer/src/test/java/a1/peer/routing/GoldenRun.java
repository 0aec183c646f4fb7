package a1.peer.routing;

import a1.spec.testdata.SharedData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One prompt of a llama.cpp golden file in ../shared/golden: its ids and the greedy ids llama.cpp generated. */
record GoldenRun(String prompt, int[] promptIds, int[] generatedIds) {
    static List<GoldenRun> read(String goldenFile) throws IOException {
        JsonNode root = new ObjectMapper().readTree(SharedData.golden(goldenFile).toFile());
        List<GoldenRun> out = new ArrayList<>();
        for (JsonNode p : root.get("prompts")) out.add(new GoldenRun(p.get("prompt").asText(), ints(p.get("prompt_ids")), ints(p.get("generated_ids"))));
        return out;
    }

    static Path model(String goldenFile) throws IOException {
        return SharedData.model(new ObjectMapper().readTree(SharedData.golden(goldenFile).toFile()).get("model_file").asText());
    }

    private static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) out[i] = a.get(i).asInt();
        return out;
    }

    @Override
    public String toString() {
        return "\"" + prompt + "\"";
    }
}
