package com.sparkify.warehouse.warehouse.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.sparkify.warehouse.support.Fixtures;
import com.sparkify.warehouse.support.Jobs;
import com.sparkify.warehouse.support.SampleSources;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** With {@code sparkify.duckdb.native-reader=false} the service's loader stages local event logs itself. */
@QuarkusTest
@TestProfile(NativeReaderOffTest.NativeReaderOff.class)
class NativeReaderOffTest {

    public static class NativeReaderOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sparkify.duckdb.native-reader", "false");
        }
    }

    @Test
    void shouldStageLocalEventLogsWithTheServicesLoader() throws Exception {
        Jobs.awaitIdle();
        Path root = Fixtures.newRoot("native-off");
        Jobs.resetSchema();

        JsonPath run = Jobs.runEtl(SampleSources.write(root));

        assertThat(run.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(run.getInt("tableCounts.staging_events")).isEqualTo(8);
        assertThat(run.getMap("details")).as("no reader but the service's was tried").isNull();
    }
}
