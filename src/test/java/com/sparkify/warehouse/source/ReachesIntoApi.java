package com.sparkify.warehouse.source;

import com.sparkify.warehouse.api.Problem;

/** A source class that uses the api layer: what {@code ArchitectureTest} must reject. Never used. */
public final class ReachesIntoApi {

    Problem problem;

    private ReachesIntoApi() {
    }
}
