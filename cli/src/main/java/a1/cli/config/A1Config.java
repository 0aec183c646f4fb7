package a1.cli.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;

/**
 * The user's settings in {@code $A1_HOME/config.toml} (default {@code ~/.a1/config.toml}). Top-level keys apply to
 * every command with the matching option; a {@code [command]} table (e.g. {@code [serve]}) overrides them for one
 * command. Keys are option names without dashes, with '_' for '-': {@code --max-body} is {@code max_body}.
 * Parsed with tomlj (TOML 1.0), so users get the real format and precise error positions.
 */
public final class A1Config {
    public static final String FILE_NAME = "config.toml";
    private static final A1Config EMPTY = new A1Config(null, null);

    private final Path file;
    private final TomlParseResult toml;

    private A1Config(Path file, TomlParseResult toml) {
        this.file = file;
        this.toml = toml;
    }

    /**
     * {@link #home()} as a picocli default-value expression, for options whose default lives in the home folder
     * (model store, key files); {@code ConfigDefaultsTest} checks that the two agree.
     */
    public static final String HOME = "${sys:a1.home:-${env:A1_HOME:-${sys:user.home}/.a1}}";

    /**
     * A1's home folder: system property {@code a1.home} (tests set it), else {@code $A1_HOME}, else {@code ~/.a1}.
     * It holds config.toml, the model store ({@code models/}) and the publisher and peer keys.
     */
    public static Path home() {
        String p = System.getProperty("a1.home");
        if (p == null || p.isBlank()) p = System.getenv("A1_HOME");
        if (p == null || p.isBlank()) return Path.of(System.getProperty("user.home"), ".a1");
        return Path.of(p);
    }

    /** The config file under {@link #home()}; no file means no settings. */
    public static A1Config load() {
        Path f = home().resolve(FILE_NAME);
        return Files.exists(f) ? load(f) : EMPTY;
    }

    /** Parses {@code file}; a syntax error throws IllegalArgumentException naming the file, line and column. */
    public static A1Config load(Path file) {
        TomlParseResult r;
        try {
            r = Toml.parse(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (r.hasErrors()) {
            var e = r.errors().getFirst();
            throw new IllegalArgumentException(file + ":" + e.position().line() + ":" + e.position().column() + ": " + e.getMessage());
        }
        return new A1Config(file, r);
    }

    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /**
     * The setting {@code key} for {@code command} (a dotted command path such as "serve" or "dht.ping"): the
     * command's table first, then the top level. Arrays come back comma-joined, the way split options read them.
     */
    public Optional<String> value(String command, String key) {
        if (toml == null) return Optional.empty();
        if (!command.isEmpty()) {
            Optional<String> own = text(command + "." + key);
            if (own.isPresent()) return own;
        }
        return text(key);
    }

    private Optional<String> text(String dottedKey) {
        Object v;
        try {
            v = toml.get(List.of(dottedKey.split("\\.")));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (v == null || v instanceof org.tomlj.TomlTable) return Optional.empty();
        if (v instanceof TomlArray a) return Optional.of(a.toList().stream().map(String::valueOf).collect(Collectors.joining(",")));
        return Optional.of(String.valueOf(v));
    }
}
