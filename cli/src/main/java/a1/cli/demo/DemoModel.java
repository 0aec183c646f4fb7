package a1.cli.demo;

import a1.peer.model.SyntheticModel;
import a1.spec.gguf.GgmlType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The model a demo runs: the user's GGUF, or a small synthetic one that borrows a real tokenizer. */
public final class DemoModel {
    /** The reference model whose tokenizer a synthetic model borrows. */
    static final String TOKENIZER_SOURCE = "models/stories260K-f32.gguf";

    private DemoModel() {}

    /**
     * Writes a 6-layer random-weight model into {@code dir}; its vocabulary comes from the first reference model found
     * (system property {@code a1.shared}, then {@code ../shared} from the working directory or from this checkout).
     */
    public static Path synthetic(Path dir) throws IOException {
        Path vocab = tokenizerSource().orElseThrow(() -> new IllegalArgumentException(
                "no --model given and no tokenizer to build a synthetic model from: looked for " + String.join(", ", candidates().stream().map(Path::toString).toList())));
        Path out = dir.resolve("synthetic.gguf");
        new SyntheticModel(64, 6, 4, 2, 192, GgmlType.F32, 42, vocab).write(out);
        return out;
    }

    private static Optional<Path> tokenizerSource() {
        return candidates().stream().filter(Files::isRegularFile).findFirst();
    }

    private static List<Path> candidates() {
        List<Path> roots = new ArrayList<>();
        String shared = System.getProperty("a1.shared");
        if (shared != null) roots.add(Path.of(shared));
        roots.add(Path.of("..", "shared"));
        try { // cli/target/a1.jar or cli/target/classes -> the checkout -> ../shared beside it
            Path code = Path.of(DemoModel.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path checkout = code.getParent() == null ? null : code.getParent().getParent() == null ? null : code.getParent().getParent().getParent();
            if (checkout != null && checkout.getParent() != null) roots.add(checkout.getParent().resolve("shared"));
        } catch (java.net.URISyntaxException | RuntimeException e) {
            // no file location for this class: the other places remain
        }
        return roots.stream().map(r -> r.resolve(TOKENIZER_SOURCE).toAbsolutePath().normalize()).distinct().toList();
    }
}
