package io.marketsentinel.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The function's secret configuration keys, read from the one list the function itself reads
 * ({@code src/main/resources/io/marketsentinel/config/secret-keys.txt}), so that the stack's secret
 * has a key for each and a new channel's secret is added in one place.
 */
final class SecretKeys {

    /** Where the list is, from {@code infra/} (where CDK and the infra tests run), as the function zip is. */
    static final Path LIST = Path.of("../src/main/resources/io/marketsentinel/config/secret-keys.txt");

    private SecretKeys() {
    }

    static List<String> read() {
        try {
            return Files.readAllLines(LIST).stream().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("no list of secret keys at " + LIST.toAbsolutePath()
                    + ": run the stack from infra/ in the repository");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
