package a1.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.cli.chat.ExpectedReply;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The commands run in-process the way a user types them: help, exit codes, and a piped chat. */
class CliTest {
    record Run(int code, String out, String err) {}

    /** Runs {@code a1 args...} with {@code stdin} as input, capturing picocli's and the commands' own output. */
    static synchronized Run run(String stdin, String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        InputStream oldIn = System.in;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        StringWriter cliOut = new StringWriter(), cliErr = new StringWriter();
        try {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            var cl = A1.commandLine();
            cl.setOut(new PrintWriter(cliOut, true));
            cl.setErr(new PrintWriter(cliErr, true));
            int code = cl.execute(args);
            return new Run(code, cliOut + out.toString(StandardCharsets.UTF_8), cliErr + err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setIn(oldIn);
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void helpListsTheCommands() {
        Run r = run("", "--help");
        assertEquals(ExitCodes.OK, r.code());
        for (String c : new String[] {"generate", "chat", "serve", "bench"}) assertTrue(r.out().contains(c), r.out());
    }

    @Test
    void everyCommandHasHelp() {
        for (String c : new String[] {"chat", "serve"}) {
            Run r = run("", c, "--help");
            assertEquals(ExitCodes.OK, r.code(), c);
            assertTrue(r.out().contains("--model"), r.out());
        }
        assertTrue(run("", "serve", "--help").out().contains("--port"));
        assertTrue(run("", "chat", "--help").out().contains("/reset"));
    }

    @Test
    void usageErrorsExitWithTwoAndSayWhatIsWrong() {
        Run missing = run("", "chat");
        assertEquals(ExitCodes.USAGE, missing.code());
        assertTrue(missing.err().contains("--model"), missing.err());
        Run badTemplate = run("", "chat", "--model", ExpectedReply.MODEL.toString(), "--chat-template", "nope");
        assertEquals(ExitCodes.USAGE, badTemplate.code());
        assertTrue(badTemplate.err().contains("unknown chat template 'nope'"), badTemplate.err());
        Run badPort = run("", "serve", "--model", ExpectedReply.MODEL.toString(), "--port", "70000");
        assertEquals(ExitCodes.USAGE, badPort.code());
        assertEquals(1, badPort.err().strip().lines().count(), "one line, no stack trace: " + badPort.err());
    }

    @Test
    void aMissingModelFileIsAFailureNotACrash() {
        Run r = run("", "serve", "--model", "no-such-model.gguf", "--port", "0");
        assertEquals(ExitCodes.FAILURE, r.code());
        assertEquals("a1 serve: no such file: no-such-model.gguf", r.err().strip());
    }

    @Test
    void aTakenPortIsANetworkFailure() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Run r = run("", "serve", "--model", ExpectedReply.MODEL.toString(), "--host", "127.0.0.1", "--port", Integer.toString(taken.getLocalPort()), "-t", "1");
            assertEquals(ExitCodes.NETWORK, r.code(), r.err());
            assertTrue(r.err().contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()), r.err());
        }
    }

    @Test
    void errorsNameTheCommandAsTyped() {
        Run nested = run("", "dht", "get", "0123");
        assertEquals(ExitCodes.USAGE, nested.code());
        assertTrue(nested.err().startsWith("a1 dht get: "), nested.err());
        assertTrue(nested.err().contains("Try 'a1 dht get --help'."), nested.err());
        Run root = run("", "--bogus");
        assertEquals(ExitCodes.USAGE, root.code());
        assertTrue(root.err().startsWith("a1: Unknown option: '--bogus'"), root.err());
        assertTrue(root.err().contains("Try 'a1 --help'."), root.err());
    }

    @Test
    void aBootstrapContactThatNeverAnswersIsANetworkFailure() throws Exception {
        int silent;
        try (java.net.DatagramSocket s = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            silent = s.getLocalPort(); // closed again: nothing answers there
        }
        Run r = run("", "fetch", "0".repeat(64), "-b", "127.0.0.1:" + silent, "--bind", "127.0.0.1");
        assertEquals(ExitCodes.NETWORK, r.code(), r.err());
        assertEquals("a1 fetch: DHT: no bootstrap contact answered", r.err().strip());
    }

    @Test
    void chatJsonGivesOneObjectPerReply() throws Exception {
        String expected = ExpectedReply.firstReply("Once upon a time", 8);
        Run r = run("Once upon a time\nand then?\n", "chat", "--model", ExpectedReply.MODEL.toString(), "--temperature", "0", "-n", "8", "-t", "1", "--json");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        var lines = r.out().lines().map(l -> {
            try {
                return new com.fasterxml.jackson.databind.ObjectMapper().readTree(l);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + l, e);
            }
        }).toList();
        assertEquals(2, lines.size(), r.out());
        assertEquals(expected, lines.get(0).get("reply").asText());
        int first = lines.get(0).get("cached_tokens").asInt();
        assertEquals(first + lines.get(1).get("turn_tokens").asInt() + lines.get(1).get("completion_tokens").asInt(), lines.get(1).get("cached_tokens").asInt());
    }

    @Test
    void pipedChatRepliesResetsAndExits() throws Exception {
        String expected = ExpectedReply.firstReply("Once upon a time", 16);
        Run r = run("Once upon a time\n/reset\nOnce upon a time\n/exit\nnever read\n",
                "chat", "--model", ExpectedReply.MODEL.toString(), "--temperature", "0", "-n", "16", "-t", "1");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertEquals(expected + "\n" + expected + "\n", r.out());
        assertTrue(r.err().contains("template generic"), r.err());
        assertTrue(r.err().contains("(new conversation)"), r.err());
    }
}
