package a1.dht.rpc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.dht.id.NodeId;
import java.net.InetAddress;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TokenManagerTest {

    final InetAddress ip = InetAddress.ofLiteral("10.0.0.7");
    final NodeId target = NodeId.random(new Random(1));

    @Test
    void tokenSurvivesOneRotationButNotTwo() {
        TokenManager tokens = new TokenManager(new Random(2), 1000, 0);
        byte[] t = tokens.token(ip, target, 0);
        assertTrue(tokens.valid(t, ip, target, 999));
        assertTrue(tokens.valid(t, ip, target, 1500), "previous secret still accepted after one rotation");
        assertFalse(tokens.valid(t, ip, target, 2600), "two rotations later the token is dead");
    }

    @Test
    void idleGapLongerThanTwoPeriodsKillsTokens() {
        TokenManager tokens = new TokenManager(new Random(2), 1000, 0);
        byte[] t = tokens.token(ip, target, 0);
        assertFalse(tokens.valid(t, ip, target, 5000));
    }

    @Test
    void tokenIsBoundToAddressAndTarget() {
        TokenManager tokens = new TokenManager(new Random(2), 1000, 0);
        byte[] t = tokens.token(ip, target, 0);
        assertFalse(tokens.valid(t, InetAddress.ofLiteral("10.0.0.8"), target, 0));
        assertFalse(tokens.valid(t, ip, NodeId.random(new Random(3)), 0));
        assertFalse(tokens.valid(new byte[8], ip, target, 0));
    }
}
