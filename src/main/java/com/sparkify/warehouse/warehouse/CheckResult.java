package com.sparkify.warehouse.warehouse;

/** A data-quality check run before the transform commits: its name, whether it passed, and what it found. */
public record CheckResult(String name, boolean passed, String detail) {
}
