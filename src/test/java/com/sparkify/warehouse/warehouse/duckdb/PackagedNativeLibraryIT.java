package com.sparkify.warehouse.warehouse.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sparkify.warehouse.support.ServiceProcess;

/**
 * The packaged service on Linux loads DuckDB's library from beside its jar, where the package step put it,
 * not from a copy the driver unpacks into the temporary directory when its jar holds the library.
 */
class PackagedNativeLibraryIT {

    @TempDir
    Path dir;

    @Test
    void shouldMapDuckDbsLibraryFromBesideThePackagedJar() throws Exception {
        String arch = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            default -> null;
        };
        assumeTrue(arch != null && System.getProperty("os.name").toLowerCase().startsWith("linux")
                && Files.isDirectory(Path.of("/proc/self")), "Linux on amd64 or arm64 only");
        Path library = Path.of("target/quarkus-app/libduckdb_java.so_linux_" + arch).toAbsolutePath();
        Path tmp = Files.createDirectories(dir.resolve("tmp"));

        // ready means the warehouse answered a query: DuckDB's library is loaded by then
        try (ServiceProcess service = ServiceProcess.start(dir.resolve("service.log"),
                Map.of("sparkify.data-dir", dir.resolve("data").toString(), "java.io.tmpdir", tmp.toString()))) {
            List<String> mapped = Files.readAllLines(Path.of("/proc/" + service.pid() + "/maps")).stream()
                    .filter(line -> line.contains("libduckdb_java"))
                    .map(line -> line.substring(line.indexOf('/')))
                    .distinct()
                    .toList();

            assertThat(mapped).containsExactly(library.toString());
            try (var unpacked = Files.list(tmp)) {
                assertThat(unpacked.filter(f -> f.getFileName().toString().contains("duckdb"))).isEmpty();
            }
        }
    }
}
