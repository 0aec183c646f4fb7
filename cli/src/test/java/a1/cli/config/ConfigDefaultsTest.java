package a1.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.cli.A1;
import a1.cli.options.NetworkOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Options take their defaults from $A1_HOME/config.toml: command tables first, then top-level keys, then the annotations. */
class ConfigDefaultsTest {
    @TempDir
    Path home;

    @BeforeEach
    void pointHomeAtTempDir() {
        System.setProperty("a1.home", home.toString());
    }

    @AfterEach
    void restore() {
        System.clearProperty("a1.home");
    }

    private Object parsedValue(String command, String option, String... args) {
        CommandLine cl = A1.commandLine();
        CommandLine.ParseResult r = cl.parseArgs(args);
        CommandLine.ParseResult sub = r.subcommand();
        assertEquals(command, sub.commandSpec().name());
        return sub.commandSpec().findOption(option).getValue();
    }

    @Test
    void commandTableOverridesTopLevelWhichOverridesTheAnnotation() throws Exception {
        Files.writeString(home.resolve("config.toml"), """
                threads = 3
                port = 1234

                [serve]
                port = 9999
                host = "::1"
                """);
        assertEquals(9999, parsedValue("serve", "--port", "serve", "--model", "m.gguf"));
        assertEquals("::1", parsedValue("serve", "--host", "serve", "--model", "m.gguf"));
        assertEquals(3, parsedValue("serve", "--threads", "serve", "--model", "m.gguf"));
        assertEquals(3, parsedValue("generate", "--threads", "generate", "--model", "m.gguf", "-p", "x"));
        assertEquals(7, parsedValue("serve", "--port", "serve", "--model", "m.gguf", "--port", "7"), "the command line wins");
        assertEquals("0.8", parsedValue("chat", "--temperature", "chat", "--model", "m.gguf").toString(), "no setting: the annotation's default");
    }

    @Test
    void noFileMeansTheAnnotatedDefaults() {
        assertEquals(8080, parsedValue("serve", "--port", "serve", "--model", "m.gguf"));
    }

    @Test
    void arraysFeedSplitOptionsAndTheStoreDefaultsUnderHome() throws Exception {
        Files.writeString(home.resolve("config.toml"), "bootstrap = [\"10.0.0.1:6881\", \"[::1]:7000\"]\n");
        Probe probe = Probe.parsed();
        assertEquals(List.of(new java.net.InetSocketAddress(java.net.InetAddress.ofLiteral("10.0.0.1"), 6881),
                new java.net.InetSocketAddress(java.net.InetAddress.ofLiteral("::1"), 7000)), probe.bootstrap.contacts());
        assertEquals(A1Config.home(), home);
        assertEquals(home.resolve("models"), probe.store.store());
    }

    @Test
    void storeInTheConfigFileWinsOverTheHomeDefault() throws Exception {
        Files.writeString(home.resolve("config.toml"), "store = \"/srv/a1/models\"\n");
        assertEquals(Path.of("/srv/a1/models"), Probe.parsed().store.store());
    }

    /** A command the way the network commands use the shared mixins. */
    @Command(name = "probe")
    static final class Probe {
        @Mixin
        NetworkOptions bootstrap;

        @Mixin
        a1.cli.options.StoreOption store;

        /** A probe parsed with no arguments, its defaults from {@link ConfigDefaults}. */
        static Probe parsed() {
            Probe probe = new Probe();
            CommandLine cl = new CommandLine(CommandLine.Model.CommandSpec.create().name("a1"));
            cl.addSubcommand("probe", probe);
            cl.setDefaultValueProvider(new ConfigDefaults());
            cl.parseArgs("probe");
            return probe;
        }
    }

    @Test
    void aBrokenFileNamesItsLine() throws Exception {
        Files.writeString(home.resolve("config.toml"), "threads = 2\nport = = 3\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, A1Config::load);
        assertTrue(e.getMessage().contains("config.toml:2:"), e.getMessage());
    }

    @Test
    void aBrokenFileFailsTheCommandWithAUsageExitCode() throws Exception {
        Files.writeString(home.resolve("config.toml"), "[serve\n");
        java.io.StringWriter err = new java.io.StringWriter();
        CommandLine cl = A1.commandLine();
        cl.setErr(new java.io.PrintWriter(err));
        int code = cl.execute("serve", "--model", "missing.gguf");
        assertEquals(a1.cli.ExitCodes.USAGE, code, err.toString());
        assertTrue(err.toString().contains("config.toml:1:"), err.toString());
    }
}
