package a1.cli.chat;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import a1.cli.BinA1;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/a1 chat} in a real terminal (tmux): load progress, prompt, streamed reply, /exit. */
class ChatTerminalIT {
    private final String socket = "a1-chat-it-" + ProcessHandle.current().pid();
    private final String session = "chat";

    @TempDir
    Path home;

    @AfterEach
    void killTmux() throws Exception {
        BinA1.exec("tmux", "-L", socket, "kill-server");
    }

    @Test
    void chatInATerminal() throws Exception {
        String expected = ExpectedReply.firstReply("Once upon a time", 16).strip();
        String command = "cd '" + BinA1.root() + "' && A1_HOME='" + home + "' " + BinA1.launcher() + " chat --model '" + ExpectedReply.MODEL
                + "' --temperature 0 -n 16 -t 1; echo EXITED:$?; sleep 60";
        tmux("new-session", "-d", "-s", session, "-x", "220", "-y", "50", command);
        String banner = waitFor(s -> s.contains("/exit quits."), 120);
        assertTrue(banner.contains("loading stories260K-f32.gguf [") && banner.contains("100%"), "a progress bar while loading:\n" + banner);
        tmux("send-keys", "-t", session, "Once upon a time", "Enter");
        String replied = waitFor(s -> normalized(s).contains(expected) && normalized(s).trim().endsWith(">"), 60);
        assertTrue(normalized(replied).contains("> Once upon a time\n"), replied);
        tmux("send-keys", "-t", session, "/exit", "Enter");
        waitFor(s -> s.contains("EXITED:0"), 30);
    }

    /** Pane text with the trailing blanks of each line removed. */
    private static String normalized(String pane) {
        return pane.replaceAll("[ \\t]+\\n", "\n");
    }

    private String waitFor(Predicate<String> ready, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        String pane = "";
        while (System.nanoTime() < deadline) {
            pane = capture();
            if (ready.test(pane)) return pane;
            Thread.sleep(200);
        }
        return fail("the terminal did not show what was expected within " + seconds + " s:\n" + pane);
    }

    private String capture() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of("tmux", "-L", socket, "capture-pane", "-p", "-J", "-t", session)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    private void tmux(String... args) throws Exception {
        String[] cmd = new String[args.length + 3];
        cmd[0] = "tmux";
        cmd[1] = "-L";
        cmd[2] = socket;
        System.arraycopy(args, 0, cmd, 3, args.length);
        int code = BinA1.exec(cmd);
        if (code != 0) fail("tmux " + String.join(" ", args) + " exited with " + code);
    }
}
