package com.sparkify.warehouse;

import com.sparkify.warehouse.generator.GenerateCommand;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

import org.jboss.logging.Logger;

/**
 * Entry point: {@code generate ...} writes sample data and exits without starting the service;
 * anything else runs the service.
 */
@QuarkusMain
public class SparkifyWarehouseApplication {

    public static void main(String... args) {
        if (args.length > 0 && "generate".equals(args[0])) {
            String[] rest = new String[args.length - 1];
            System.arraycopy(args, 1, rest, 0, rest.length);
            System.exit(GenerateCommand.run(rest, System.out));
        }
        loadDuckDbNativeLibrary();
        Quarkus.run(args);
    }

    /**
     * DuckDB's driver unpacks its native library from its jar and loads it when the class that holds it is
     * first initialised, which the job history's check at start-up would otherwise do on the main thread.
     * Started here, the unpacking overlaps Quarkus's boot; the first connection waits for it to end, as any
     * use of a class waits for its initialisation. A failure is left to that connection to report.
     */
    private static void loadDuckDbNativeLibrary() {
        Thread loader = new Thread(() -> {
            try {
                Class.forName("org.duckdb.DuckDBNative", true, SparkifyWarehouseApplication.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                Logger.getLogger(SparkifyWarehouseApplication.class).warnf("DuckDB's native library not loaded: %s",
                        e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
            }
        }, "duckdb-native-load");
        loader.setDaemon(true);
        loader.start();
    }
}
