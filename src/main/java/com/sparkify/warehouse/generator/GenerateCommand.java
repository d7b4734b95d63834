package com.sparkify.warehouse.generator;

import java.io.PrintStream;

/**
 * Placeholder replaced by the generator branch.
 */
public final class GenerateCommand {

    private GenerateCommand() {
    }

    public static int run(String[] args, PrintStream out) {
        out.println("generator not built yet");
        return 2;
    }
}
