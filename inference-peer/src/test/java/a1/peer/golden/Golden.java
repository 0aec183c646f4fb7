package a1.peer.golden;

import a1.spec.testdata.SharedData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** llama.cpp's reference outputs in ../shared/golden, one entry per model file and prompt. */
record Golden(String file, Path model, JsonNode root, JsonNode prompt) {

    /** Quantized weights round activations to 8 bits, so their logits are compared more loosely. */
    double tolerance() {
        String f = file.toLowerCase();
        return f.contains("f32") || f.contains("f16") || f.contains("bf16") ? 5e-3 : 2e-2;
    }

    int[] promptIds() {
        return ints(prompt.get("prompt_ids"));
    }

    int[] generatedIds() {
        return ints(prompt.get("generated_ids"));
    }

    String promptText() {
        return prompt.get("prompt").asText();
    }

    @Override
    public String toString() {
        return file + " \"" + promptText() + "\"";
    }

    static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = array.get(i).asInt();
        return out;
    }

    static JsonNode read(Path p) {
        try {
            return new ObjectMapper().readTree(p.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every prompt of every golden file whose name starts with {@code prefix}. */
    static Stream<Golden> cases(String prefix) {
        List<Golden> out = new ArrayList<>();
        SharedData.list("golden", ".json").filter(p -> p.getFileName().toString().startsWith(prefix)).forEach(p -> {
            JsonNode root = read(p);
            Path model = SharedData.model(root.get("model_file").asText());
            for (JsonNode prompt : root.get("prompts")) out.add(new Golden(p.getFileName().toString(), model, root, prompt));
        });
        if (out.isEmpty()) throw new IllegalStateException("no golden files named " + prefix + "*");
        return out.stream();
    }
}
