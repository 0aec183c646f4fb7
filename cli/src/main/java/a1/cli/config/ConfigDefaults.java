package a1.cli.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Picocli default values from {@link A1Config}: an option without a value on the command line takes the config
 * file's, and without that its annotated default. The file is read once, when the first default is asked for.
 */
public final class ConfigDefaults implements CommandLine.IDefaultValueProvider {
    private A1Config config;

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || option.longestName().length() < 3) return null;
        String key = option.longestName().replaceFirst("^-+", "").replace('-', '_');
        return config().value(commandPath(option.command()), key).orElse(null);
    }

    private synchronized A1Config config() {
        if (config == null) config = A1Config.load();
        return config;
    }

    /** "serve" for {@code a1 serve}, "dht.ping" for {@code a1 dht ping}; "" for {@code a1} itself. */
    static String commandPath(CommandSpec spec) {
        List<String> names = new ArrayList<>();
        for (CommandSpec s = spec; s != null && s.parent() != null; s = s.parent()) names.add(s.name());
        Collections.reverse(names);
        return String.join(".", names);
    }
}
