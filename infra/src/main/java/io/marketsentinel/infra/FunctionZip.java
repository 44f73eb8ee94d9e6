package io.marketsentinel.infra;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Refuses, at synth, a function zip that cannot start on the chosen runtime: a native stack needs
 * an executable {@code bootstrap} at the zip's root (provided.al2023 runs it); a JVM stack needs
 * Quarkus' Lambda handler jar and no {@code bootstrap}. The JDK's zip file system reads the Unix
 * permissions (the executable bit) that {@code java.util.zip} does not expose.
 */
final class FunctionZip {

    static final String NATIVE_BUILD = "./mvnw -Pnative package -DskipTests -Dquarkus.native.container-build=true";
    static final String JVM_BUILD = "./mvnw package -DskipTests";

    private FunctionZip() {
    }

    /** @throws IllegalArgumentException naming the zip, what is wrong and the build command to run */
    static void requireFits(Path zip, boolean jvm) {
        if (!Files.isRegularFile(zip)) {
            throw new IllegalArgumentException("no function zip at " + zip.toAbsolutePath() + ": build it first ("
                    + (jvm ? JVM_BUILD : NATIVE_BUILD) + ")");
        }
        Contents contents = read(zip);
        String where = "function zip " + zip.toAbsolutePath();
        if (jvm) {
            if (contents.bootstrap()) {
                throw new IllegalArgumentException(where + " holds a native 'bootstrap', but the stack is JVM (-c runtime=jvm):"
                        + " deploy it without -c runtime=jvm, or build the JVM zip with " + JVM_BUILD);
            }
            if (!contents.lambdaHandler()) {
                throw new IllegalArgumentException(where + " lacks Quarkus' Lambda handler (lib/io.quarkus.quarkus-amazon-lambda-*.jar):"
                        + " it is not a Quarkus JVM function zip; build it with " + JVM_BUILD);
            }
        } else {
            if (!contents.bootstrap()) {
                throw new IllegalArgumentException(where + " has no 'bootstrap', so it is not a native build and cannot start on"
                        + " provided.al2023: build it with " + NATIVE_BUILD + ", or deploy this JVM zip with -c runtime=jvm");
            }
            if (!contents.bootstrapExecutable()) {
                throw new IllegalArgumentException(where + " has a 'bootstrap' that is not executable, so Lambda cannot start it:"
                        + " build it again with " + NATIVE_BUILD);
            }
        }
    }

    private record Contents(boolean bootstrap, boolean bootstrapExecutable, boolean lambdaHandler) {
    }

    private static Contents read(Path zip) {
        URI uri = URI.create("jar:" + zip.toAbsolutePath().toUri());
        try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of("enablePosixFileAttributes", "true"))) {
            Path bootstrap = fs.getPath("/bootstrap");
            boolean present = Files.isRegularFile(bootstrap);
            boolean executable = false;
            if (present) {
                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(bootstrap);
                executable = mode.contains(PosixFilePermission.OWNER_EXECUTE);
            }
            boolean handler = false;
            Path lib = fs.getPath("/lib");
            if (Files.isDirectory(lib)) {
                try (Stream<Path> jars = Files.list(lib)) {
                    handler = jars.anyMatch(p -> p.getFileName().toString().startsWith("io.quarkus.quarkus-amazon-lambda-"));
                }
            }
            return new Contents(present, executable, handler);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("function zip " + zip.toAbsolutePath() + " cannot be read as a zip ("
                    + e.getMessage() + "): build it again", e);
        }
    }
}
