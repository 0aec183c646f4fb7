package a1.dht;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class BootstrapTest {

    @Test
    void parsesIpv4AndBracketedIpv6Literals() {
        assertEquals(List.of(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 6881),
                        new InetSocketAddress(InetAddress.ofLiteral("::1"), 6882)),
                Bootstrap.parse(List.of("127.0.0.1:6881", "[::1]:6882")));
    }

    @Test
    void rejectsHostNamesWithoutResolvingThem() {
        assertThrows(IllegalArgumentException.class, () -> Bootstrap.parse("router.bittorrent.invalid:6881"));
    }

    @Test
    void rejectsMissingOrBadPorts() {
        for (String bad : new String[] {"127.0.0.1", "127.0.0.1:x", "127.0.0.1:0", "127.0.0.1:70000", ":6881"}) {
            assertThrows(IllegalArgumentException.class, () -> Bootstrap.parse(bad), bad);
        }
    }

    @Test
    void configRejectsNonsense() {
        DhtConfig c = DhtConfig.localSwarm();
        assertThrows(IllegalArgumentException.class, () -> c.withAlpha(0));
        assertThrows(IllegalArgumentException.class, () -> c.withRateLimit(0, 1));
    }
}
