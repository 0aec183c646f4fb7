package a1.peer.relay;

import java.nio.file.Path;

/** Claims the key file given and prints its peer id, or "held" when another process holds it (for {@link PeerIdentityTest}). */
final class KeyClaimer {
    public static void main(String[] args) throws Exception {
        System.out.println(PeerIdentity.claim(Path.of(args[0])).map(PeerIdentity::hexId).orElse("held"));
    }

    private KeyClaimer() {}
}
