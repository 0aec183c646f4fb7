package a1.cli.swarm;

import a1.cli.ExitCodes;
import a1.cli.config.A1Config;
import a1.spec.sign.SigningKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code a1 keygen}: a new publisher key file, readable by its owner only; an existing file is never overwritten. */
@Command(name = "keygen", mixinStandardHelpOptions = true, description = "Create a publisher signing key (Ed25519) in a 0600 file.")
public final class KeygenCommand implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "FILE", defaultValue = A1Config.HOME + "/publisher.key", description = "Key file to create (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        SigningKey key = SigningKey.generate(new SecureRandom());
        key.save(out);
        System.out.println("wrote " + out);
        System.out.println("public key " + HexFormat.of().formatHex(key.publicKey()));
        return ExitCodes.OK;
    }
}
