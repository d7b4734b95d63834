package com.sparkify.warehouse.infra;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.sparkify.warehouse.run.Job;

/** A clock that stands still until a pause moves it on by the paused duration. */
final class FakeTime extends Clock implements ClusterManager.Pause {
    private Instant now = Instant.parse("2026-11-27T09:00:00Z");
    final List<Duration> pauses = new ArrayList<>();

    @Override
    public void pause(Duration duration, Job job) {
        pauses.add(duration);
        now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
