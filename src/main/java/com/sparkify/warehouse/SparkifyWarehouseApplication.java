package com.sparkify.warehouse;

import com.sparkify.warehouse.generator.GenerateCommand;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

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
        Quarkus.run(args);
    }
}
